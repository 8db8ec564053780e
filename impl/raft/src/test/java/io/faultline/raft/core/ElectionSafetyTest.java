package io.faultline.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.testing.CoreNet;
import org.junit.jupiter.api.Test;

/** Raft paper §5.2 (leader election) and Figure 3's Election Safety: at most one leader per term. */
class ElectionSafetyTest {

    @Test
    void section5_2_threePeersElectOneLeaderThatStays() {
        CoreNet net = new CoreNet(3, 42, CoreOptions.STANDARD);
        int leader = net.electLeader();
        long term = net.cores[leader].term();
        net.tickAll(300); // 3 s of heartbeats: nobody times out
        assertEquals(leader, net.leader());
        for (RaftCore c : net.cores) {
            assertEquals(term, c.term(), "all peers agree on the term");
        }
        assertEquals(1, net.leadersByTerm.get(term).size());
    }

    @Test
    void section5_2_isolatedLeaderIsReplaced() {
        CoreNet net = new CoreNet(3, 7, CoreOptions.STANDARD);
        int old = net.electLeader();
        net.isolate(old, true);
        net.tickAll(200);
        int fresh = net.leader();
        assertTrue(fresh >= 0 && fresh != old, "a new leader among the connected peers");
        net.isolate(old, false);
        net.tickAll(50);
        assertEquals(RaftStatus.Role.FOLLOWER, net.cores[old].role(), "the old leader stepped down");
    }

    @Test
    void section5_2_noLeaderWithoutQuorum() {
        CoreNet net = new CoreNet(3, 9, CoreOptions.STANDARD);
        net.isolate(0, true);
        net.isolate(1, true);
        net.isolate(2, true);
        net.tickAll(500);
        assertEquals(-1, net.leader());
    }

    @Test
    void section5_2_electionSafetyUnderRandomPartitionsAndCrashes() {
        for (long seed = 1; seed <= 25; seed++) {
            CoreNet net = new CoreNet(5, seed, CoreOptions.STANDARD);
            Rng rng = new Rng(seed * 31);
            for (int t = 0; t < 3000; t++) {
                if (t % 40 == 0) {
                    int i = rng.nextInt(5);
                    net.isolate(i, rng.nextBoolean());
                }
                if (t % 170 == 0) {
                    int i = rng.nextInt(5);
                    if (net.down[i]) {
                        net.restart(i);
                    } else {
                        net.crash(i);
                    }
                }
                net.tickAll();
            }
            for (var e : net.leadersByTerm.entrySet()) {
                assertEquals(1, e.getValue().size(), "seed " + seed + ": leaders in term " + e.getKey());
            }
        }
    }

    /** Figure 2: votedFor is persistent. The bug-forget-vote variant votes twice in a term after a restart. */
    @Test
    void figure2_votePersistsAcrossRestart() {
        assertEquals(1, leadersInTermOneAfterRestartedVoter(CoreOptions.STANDARD));
        assertEquals(2, leadersInTermOneAfterRestartedVoter(CoreOptions.BUG_FORGET_VOTE));
    }

    private static int leadersInTermOneAfterRestartedVoter(CoreOptions options) {
        CoreNet net = new CoreNet(3, 3, options);
        net.cut[0][1] = net.cut[1][0] = true;
        while (net.cores[0].role() != RaftStatus.Role.LEADER) {
            net.tick(0); // only 0 campaigns; 2 votes for it
        }
        assertEquals(1, net.cores[0].term());
        net.crash(2);
        net.restart(2);
        net.cut[0][2] = net.cut[2][0] = true;
        net.cut[0][1] = net.cut[1][0] = true;
        while (net.cores[1].role() == RaftStatus.Role.FOLLOWER) {
            net.tick(1);
        }
        for (int i = 0; i < 100 && net.cores[1].term() == 1; i++) {
            net.tick(1);
        }
        return net.leadersByTerm.get(1L).size();
    }
}
