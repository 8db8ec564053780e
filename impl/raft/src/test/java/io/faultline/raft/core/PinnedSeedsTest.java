package io.faultline.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.core.RaftMessage.AppendEntries;
import io.faultline.raft.core.RaftMessage.AppendEntriesReply;
import io.faultline.raft.core.RaftMessage.RequestVote;
import io.faultline.raft.core.RaftMessage.RequestVoteReply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Core-level regressions for lab seeds that once failed (labs, simulator):
 * TestFigure8Unreliable3C seed 15 (election timer reset by a stale candidate) and seed 6 (slow
 * backup of a lagging follower under long reply reordering).
 */
class PinnedSeedsTest {
    static final RaftConfig FIXED = new RaftConfig(3, 10, 10, 40, 40, 1000, 512, 1 << 20, 1);

    static List<Entry> entries(int from, int to, long term) {
        List<Entry> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(new Entry(i, term, new byte[] {(byte) i}));
        }
        return out;
    }

    static void drain(RaftCore c) {
        while (c.hasReady()) {
            c.advance(c.ready());
        }
    }

    /** Figure 2 / lab seed 15: a denied RequestVote with a higher term does not reset the timer. */
    @Test
    void section5_2_staleCandidateDoesNotPostponeOurElection() {
        RaftCore c = new RaftCore(0, FIXED, CoreOptions.STANDARD, new Rng(1),
                new PersistentState(new HardState(3, HardState.NO_VOTE), null, entries(1, 5, 3)));
        for (int i = 0; i < 30; i++) {
            c.tick();
        }
        c.stepRequest(1, new RequestVote(4, 2, 1), 0); // stale log: denied
        drain(c);
        assertEquals(4, c.term());
        assertEquals(-1, c.votedFor(), "vote denied");
        for (int i = 0; i < 10; i++) {
            c.tick();
        }
        assertEquals(RaftStatus.Role.CANDIDATE, c.role(), "timed out 40 ticks after the last leader contact");
    }

    /** Lab seed 6: while a probe's reply is delayed, heartbeats keep probing at next - 1. */
    @Test
    void section5_3_backupContinuesAtHeartbeatRateWhileAProbeIsOutstanding() {
        RaftCore c = new RaftCore(0, FIXED, CoreOptions.STANDARD, new Rng(2),
                new PersistentState(new HardState(1, HardState.NO_VOTE), null, entries(1, 20, 1)));
        while (c.role() != RaftStatus.Role.CANDIDATE) {
            c.tick();
        }
        Ready votes = c.ready();
        c.advance(votes);
        Outgoing rv = votes.messages().stream().filter(o -> o.to() == 1).findFirst().orElseThrow();
        c.stepReply(rv, new RequestVoteReply(c.term(), true));
        assertEquals(RaftStatus.Role.LEADER, c.role());
        Outgoing probe = appendTo(c, 1).get(0);
        assertEquals(20, ((AppendEntries) probe.message()).prevLogIndex());
        // Follower 1 only holds 1..10 of term 1... and a diverging suffix: hint says "match <= 10".
        c.stepReply(probe, new AppendEntriesReply(c.term(), false, 0, 11, 1));
        Outgoing realProbe = appendTo(c, 1).get(0);
        assertEquals(10, ((AppendEntries) realProbe.message()).prevLogIndex());
        assertEquals(10, ((AppendEntries) realProbe.message()).entries().size(), "probe carries entries");
        // Its reply is slow. The next heartbeat probes again, without entries.
        for (int i = 0; i < 10; i++) {
            c.tick();
        }
        Outgoing hb = appendTo(c, 1).get(0);
        AppendEntries hbMsg = (AppendEntries) hb.message();
        assertEquals(10, hbMsg.prevLogIndex());
        assertTrue(hbMsg.entries().isEmpty());
        c.stepReply(hb, new AppendEntriesReply(c.term(), false, 0, 6, 1));
        for (int i = 0; i < 10; i++) {
            c.tick();
        }
        Outgoing hb2 = appendTo(c, 1).get(0);
        assertEquals(5, ((AppendEntries) hb2.message()).prevLogIndex(), "backed up on the heartbeat's reply");
        c.stepReply(hb2, new AppendEntriesReply(c.term(), true, 5, 0, 0));
        assertTrue(c.describe().contains("p1=REPLICATE(match=5"), c.describe());
    }

    private static List<Outgoing> appendTo(RaftCore c, int peer) {
        Ready rd = c.ready();
        c.advance(rd);
        List<Outgoing> out = new ArrayList<>();
        for (Outgoing o : rd.messages()) {
            if (o.to() == peer && o.message() instanceof AppendEntries) {
                out.add(o);
            }
        }
        assertEquals(1, out.size(), "one AppendEntries to " + peer + " in " + rd.messages());
        return out;
    }
}
