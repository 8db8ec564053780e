package io.faultline.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.testing.CoreNet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raft paper §5.4.1 (election restriction) and §5.4.2 (committing entries from previous terms, Figure 8). */
class CommitRuleTest {

    static PersistentState state(long term, Entry... entries) {
        return new PersistentState(new HardState(term, HardState.NO_VOTE), null, List.of(entries));
    }

    static Entry e(long index, long term) {
        return new Entry(index, term, ("i" + index + "t" + term).getBytes());
    }

    @Test
    void section5_4_1_voterRejectsCandidateWithStaleLog() {
        assertEquals(RaftStatus.Role.CANDIDATE, staleCandidateOutcome(CoreOptions.STANDARD));
        assertEquals(RaftStatus.Role.LEADER, staleCandidateOutcome(CoreOptions.BUG_VOTE_NO_LOG_CHECK));
    }

    /** Peer 1 (log ends in term 1) asks peer 0 (log ends in term 2) for its vote. */
    private static RaftStatus.Role staleCandidateOutcome(CoreOptions options) {
        CoreNet net = new CoreNet(3, 4, options);
        net.setState(0, state(2, e(1, 1), e(2, 2)));
        net.setState(1, state(2, e(1, 1)));
        net.setState(2, state(2, e(1, 1)));
        net.isolate(2, true);
        while (net.cores[1].role() == RaftStatus.Role.FOLLOWER) {
            net.tick(1);
        }
        return net.cores[1].role();
    }

    @Test
    void section5_4_1_peerMissingAMajorityEntryNeverWins() {
        for (long seed = 1; seed <= 30; seed++) {
            CoreNet net = new CoreNet(3, seed, CoreOptions.STANDARD);
            net.setState(0, state(2, e(1, 1), e(2, 2)));
            net.setState(1, state(2, e(1, 1), e(2, 2)));
            net.setState(2, state(2, e(1, 1)));
            int l = net.electLeader();
            assertTrue(l != 2, "seed " + seed + ": peer 2 lacks entry 2, held by a majority");
        }
    }

    @Test
    void section5_4_2_leaderDoesNotCommitOldTermEntryByCounting() {
        CoreNet net = new CoreNet(3, 5, CoreOptions.STANDARD);
        net.setState(0, state(2, e(1, 1), e(2, 2)));
        net.setState(1, state(2, e(1, 1)));
        net.setState(2, state(2, e(1, 1)));
        net.isolate(2, true);
        while (net.cores[0].role() != RaftStatus.Role.LEADER) {
            net.tick(0);
        }
        net.settle();
        assertEquals(2, net.cores[1].lastIndex(), "entry 2 is on a majority");
        assertEquals(0, net.cores[0].commitIndex(), "but it is from term 2, not the current term 3");
        net.cores[0].propose("new".getBytes());
        net.settle();
        assertEquals(3, net.cores[0].commitIndex(), "a current-term entry commits everything before it");
    }

    /** The paper's Figure 8 run: committing 1@2 by counting lets S4 overwrite a committed entry. */
    @Test
    void section5_4_2_figure8() {
        CoreNet ok = figure8(CoreOptions.STANDARD);
        ok.checkStateMachineSafety();
        assertTrue(ok.appliedCommands(0).isEmpty(), "S0 never committed the old-term entry");

        CoreNet buggy = figure8(CoreOptions.BUG_FIGURE8_COMMIT);
        assertTrue(buggy.appliedCommands(0).containsKey(1L), "bug: S0 applied 1@2 after counting replicas");
        assertThrows(AssertionError.class, buggy::checkStateMachineSafety, "bug: index 1 differs between peers");
    }

    private static CoreNet figure8(CoreOptions options) {
        CoreNet net = new CoreNet(5, 6, options);
        net.setState(0, state(3, e(1, 2)));
        net.setState(1, state(3, e(1, 2)));
        net.setState(2, state(3));
        net.setState(3, state(3));
        net.setState(4, state(3, e(1, 3)));
        // (c) S4 and S3 are down; S0 leads term 4 and replicates 1@2 to S1 and S2: a majority.
        net.crash(3);
        net.crash(4);
        while (net.cores[0].role() != RaftStatus.Role.LEADER) {
            net.tick(0);
        }
        net.settle();
        assertEquals(1, net.cores[2].lastIndex());
        // (d) S0 crashes; S4 (log ends in term 3) wins with S1, S2, S3 and overwrites index 1.
        net.crash(0);
        net.restart(3);
        net.restart(4);
        while (net.cores[4].role() != RaftStatus.Role.LEADER) {
            net.tick(4);
        }
        net.cores[4].propose("s4".getBytes());
        net.settle();
        net.tickAll(30);
        assertEquals(2, net.cores[4].commitIndex());
        return net;
    }
}
