package io.faultline.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.testing.CoreNet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReadIndex (Raft thesis §6.4): a read is answered only by a leader that a majority still follows. */
class ReadIndexTest {

    /** Elects a leader and commits one entry of its term, so reads need no log entry. */
    private static int leaderWithCurrentTermCommit(CoreNet net) {
        int leader = net.electLeader();
        net.cores[leader].propose(new byte[] {1});
        net.settle();
        net.tickAll(2);
        assertTrue(net.cores[leader].commitIndex() >= 1);
        return leader;
    }

    private static List<ReadConfirmation> outcomes(CoreNet net, int i, List<ReadConfirmation> into) {
        into.addAll(net.cores[i].takeReadOutcomes());
        return into;
    }

    @Test
    void leaderConfirmsAReadAtItsCommitIndexAfterOneRound() {
        CoreNet net = new CoreNet(3, 11, CoreOptions.STANDARD);
        int leader = leaderWithCurrentTermCommit(net);
        long commit = net.cores[leader].commitIndex();
        long rpcsBefore = net.rpcCount;
        assertEquals(RaftCore.ReadStart.PENDING, net.cores[leader].readIndex(7));
        assertTrue(net.cores[leader].takeReadOutcomes().isEmpty(), "not confirmed before any follower answered");
        net.settle();
        assertEquals(List.of(new ReadConfirmation(7, commit)), net.cores[leader].takeReadOutcomes());
        assertEquals(2, net.rpcCount - rpcsBefore, "one heartbeat per follower");
    }

    @Test
    void readsArrivingTogetherShareOneRound() {
        CoreNet net = new CoreNet(5, 12, CoreOptions.STANDARD);
        int leader = leaderWithCurrentTermCommit(net);
        long rpcsBefore = net.rpcCount;
        for (long ctx = 1; ctx <= 10; ctx++) {
            assertEquals(RaftCore.ReadStart.PENDING, net.cores[leader].readIndex(ctx));
        }
        net.settle();
        List<ReadConfirmation> got = net.cores[leader].takeReadOutcomes();
        assertEquals(10, got.size());
        assertTrue(got.stream().noneMatch(ReadConfirmation::failed), got.toString());
        assertEquals(4, net.rpcCount - rpcsBefore, "ten reads, one round of four heartbeats");
    }

    @Test
    void aNewLeaderSendsReadsThroughTheLogUntilItCommitsAnEntryOfItsTerm() {
        CoreNet net = new CoreNet(3, 13, CoreOptions.STANDARD);
        int leader = net.electLeader();
        assertEquals(RaftCore.ReadStart.USE_LOG, net.cores[leader].readIndex(1));
        int follower = (leader + 1) % 3;
        assertEquals(RaftCore.ReadStart.NOT_LEADER, net.cores[follower].readIndex(2));
        net.cores[leader].propose(new byte[] {9});
        net.settle();
        assertEquals(RaftCore.ReadStart.PENDING, net.cores[leader].readIndex(3));
    }

    @Test
    void aPartitionedLeaderNeverConfirmsAndItsReadsTimeOut() {
        CoreNet net = new CoreNet(3, 14, CoreOptions.STANDARD);
        int old = leaderWithCurrentTermCommit(net);
        net.isolate(old, true);
        assertEquals(RaftCore.ReadStart.PENDING, net.cores[old].readIndex(1));
        List<ReadConfirmation> got = new ArrayList<>();
        int ticks = 0;
        while (got.isEmpty() && ticks < 1000) {
            net.tickAll();
            ticks++;
            outcomes(net, old, got);
        }
        assertEquals(List.of(new ReadConfirmation(1, ReadConfirmation.FAILED)), got);
        assertTrue(ticks <= net.config.electionTicksMax(), "failed within the election timeout, took " + ticks);
    }

    @Test
    void steppingDownFailsTheReadsWaiting() {
        CoreNet net = new CoreNet(3, 15, CoreOptions.STANDARD);
        int old = leaderWithCurrentTermCommit(net);
        net.isolate(old, true);
        int fresh = net.electLeaderOtherThan(old);
        assertEquals(RaftCore.ReadStart.PENDING, net.cores[old].readIndex(5));
        net.isolate(old, false);
        net.tickAll(net.config.heartbeatTicks() + 1); // the new leader's heartbeat reaches the old one
        assertEquals(RaftStatus.Role.FOLLOWER, net.cores[old].role());
        assertEquals(List.of(new ReadConfirmation(5, ReadConfirmation.FAILED)), net.cores[old].takeReadOutcomes());
        assertEquals(RaftStatus.Role.LEADER, net.cores[fresh].role());
    }

    /**
     * The stale read ReadIndex exists to prevent: the old leader is cut off, a new leader commits a
     * write. Correct Raft never confirms the old leader's read; the planted bug confirms it at once, at
     * an index before that write.
     */
    @Test
    void aDeposedLeaderServesAStaleReadOnlyWithThePlantedBug() {
        assertEquals(-1, staleReadIndex(CoreOptions.STANDARD));
        long stale = staleReadIndex(CoreOptions.BUG_READ_NO_QUORUM);
        assertTrue(stale >= 1, "the planted bug confirms the read, at index " + stale);
    }

    /** The index the cut-off old leader confirms a read at, below the new leader's commit; -1 if none. */
    private static long staleReadIndex(CoreOptions options) {
        CoreNet net = new CoreNet(3, 16, options);
        int old = leaderWithCurrentTermCommit(net);
        net.isolate(old, true);
        int fresh = net.electLeaderOtherThan(old);
        net.cores[fresh].propose(new byte[] {42}); // a write completed by the new leader
        net.settle();
        net.tickAll(2);
        long newCommit = net.cores[fresh].commitIndex();
        assertTrue(newCommit > net.cores[old].commitIndex());
        assertEquals(RaftStatus.Role.LEADER, net.cores[old].role(), "the old leader has not noticed");
        net.cores[old].readIndex(99);
        List<ReadConfirmation> got = new ArrayList<>();
        for (int t = 0; t < 2 * net.config.electionTicksMax(); t++) {
            outcomes(net, old, got);
            net.tick(old);
        }
        outcomes(net, old, got);
        assertEquals(1, got.size(), got.toString());
        ReadConfirmation c = got.get(0);
        if (c.failed()) {
            return -1;
        }
        assertTrue(c.index() < newCommit, "a confirmed read at " + c.index() + " misses the write at " + newCommit);
        return c.index();
    }

    @Test
    void roundsCountOnlyAcknowledgementsOfRequestsSentAfterTheRead() {
        ReadRounds r = new ReadRounds(0, 5, 3, 100);
        r.startRound(); // round 1 goes out before the read
        r.register(1, 10, false);
        assertFalse(r.shouldStartRound(), "round 1 is outstanding: round 2 waits for it");
        r.ack(1, 1);
        r.ack(2, 1);
        assertTrue(r.takeOutcomes().isEmpty(), "round 1 acknowledgements do not confirm a read of round 2");
        assertTrue(r.shouldStartRound(), "round 1 confirmed: round 2 may start");
        long round = r.startRound();
        assertEquals(2, round);
        r.ack(1, 2);
        assertTrue(r.takeOutcomes().isEmpty(), "leader plus one of five is not a majority");
        r.ack(3, 2);
        assertEquals(List.of(new ReadConfirmation(1, 10)), r.takeOutcomes());
    }
}
