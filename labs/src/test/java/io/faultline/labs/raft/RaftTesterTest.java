package io.faultline.labs.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.labs.LabFailure;
import io.faultline.raft.api.Applied;
import io.faultline.raft.api.StartResult;
import org.junit.jupiter.api.Test;

/** Each harness check passes on good behaviour and fails on a deliberately broken variant. */
class RaftTesterTest {
    private final ScriptedCluster c = new ScriptedCluster(3);
    private final ScriptedCluster.ManualEnv env = new ScriptedCluster.ManualEnv();
    private final RaftTester t = new RaftTester(c, env);

    @Test
    void checkOneLeaderReturnsTheLeaderOfTheHighestTerm() {
        c.status[0] = ScriptedCluster.leader(2);
        c.status[2] = ScriptedCluster.leader(3);
        assertEquals(2, t.checkOneLeader());
        assertTrue(env.nowMs >= 450 && env.nowMs <= 549, "one round: " + env.nowMs);
    }

    @Test
    void checkOneLeaderIgnoresDisconnectedAndCrashedLeaders() {
        c.status[0] = ScriptedCluster.leader(5);
        c.disconnect(0);
        c.status[1] = ScriptedCluster.leader(5);
        c.crash(1);
        c.status[2] = ScriptedCluster.leader(4);
        assertEquals(2, t.checkOneLeader());
    }

    @Test
    void twoLeadersInOneTermFail() {
        c.status[0] = ScriptedCluster.leader(3);
        c.status[1] = ScriptedCluster.leader(3);
        LabFailure f = assertThrows(LabFailure.class, t::checkOneLeader);
        assertTrue(f.getMessage().startsWith("term 3 has 2 (>1) leaders"), f.getMessage());
    }

    @Test
    void noLeaderFailsAfterTenRounds() {
        LabFailure f = assertThrows(LabFailure.class, t::checkOneLeader);
        assertEquals("expected one leader, got none", f.getMessage());
        assertTrue(env.nowMs >= 4_500 && env.nowMs <= 5_490, "ten rounds: " + env.nowMs);
    }

    @Test
    void checkTermsAndCheckNoLeader() {
        c.status[1] = ScriptedCluster.follower(2);
        assertThrows(LabFailure.class, t::checkTerms);
        c.disconnect(1);
        assertEquals(1, t.checkTerms());
        t.checkNoLeader();
        c.status[2] = ScriptedCluster.leader(1);
        assertThrows(LabFailure.class, t::checkNoLeader);
    }

    @Test
    void oneSucceedsWhenEnoughServersApplyTheSameCommand() {
        c.onStart = (i, cmd) -> {
            if (i != 1) {
                return StartResult.notLeader(1);
            }
            for (Applier a : c.appliers) {
                a.apply(new Applied.Command(1, 1, cmd));
            }
            return new StartResult(1, 1, true);
        };
        assertEquals(1, t.one(42, 3, false));
    }

    @Test
    void oneWithoutRetryFailsAfterTwoSecondsAndWithRetryAfterTen() {
        c.onStart = (i, cmd) -> new StartResult(1, 1, i == 1); // server 1 accepts, never commits
        LabFailure f = assertThrows(LabFailure.class, () -> t.one(42, 3, false));
        assertEquals("one(42) failed to reach agreement", f.getMessage());
        assertTrue(env.nowMs >= 2_000 && env.nowMs < 2_100, "" + env.nowMs);
        env.nowMs = 0;
        assertThrows(LabFailure.class, () -> t.one(42, 3, true));
        assertTrue(env.nowMs >= 10_000 && env.nowMs < 12_100, "" + env.nowMs);
    }

    @Test
    void oneRejectsADifferentCommandAtTheIndex() {
        c.onStart = (i, cmd) -> {
            for (Applier a : c.appliers) {
                a.apply(new Applied.Command(1, 1, Cmd.ofInt(7))); // not what was started
            }
            return new StartResult(1, 1, true);
        };
        assertThrows(LabFailure.class, () -> t.one(42, 3, false));
    }

    @Test
    void applyErrorsFailTheNextCheck() {
        c.appliers[0].apply(new Applied.Command(1, 1, Cmd.ofInt(1)));
        c.appliers[1].apply(new Applied.Command(1, 1, Cmd.ofInt(2)));
        LabFailure f = assertThrows(LabFailure.class, () -> t.nCommitted(1));
        assertTrue(f.getMessage().startsWith("apply error: commit index=1"), f.getMessage());
    }

    @Test
    void waitReportsMovedOnAndTooFew() {
        c.status[2] = ScriptedCluster.follower(9);
        assertNull(t.wait(1, 3, 1));
        c.status[2] = ScriptedCluster.follower(1);
        c.appliers[0].apply(new Applied.Command(1, 1, Cmd.ofInt(5)));
        LabFailure f = assertThrows(LabFailure.class, () -> t.wait(1, 2, -1));
        assertEquals("only 1 decided for index 1; wanted 2", f.getMessage());
        assertTrue(env.nowMs > 20_000, "waited about 30 s, was " + env.nowMs);
    }

    @Test
    void endFailsPastTheTimeLimit() {
        t.begin();
        env.nowMs += RaftTester.TEST_TIME_LIMIT_MS;
        t.end();
        env.nowMs += 1;
        assertThrows(LabFailure.class, t::end);
    }

    @Test
    void restartConnectsTheWholeGroup() {
        c.crash(0);
        c.disconnect(1);
        t.restart(0);
        assertTrue(c.isConnected(0) && c.isConnected(1) && c.isUp(0));
    }

    @Test
    void twoLeadersOfOneTermAtDifferentTimesViolateElectionSafety() {
        c.status[0] = ScriptedCluster.leader(4);
        assertEquals(0, t.checkOneLeader());
        c.status[0] = ScriptedCluster.follower(4);
        c.status[1] = ScriptedCluster.leader(4);
        LabFailure f = assertThrows(LabFailure.class, t::checkOneLeader);
        assertEquals("election safety violated: servers 0 and 1 both claimed leadership of term 4", f.getMessage());
    }

    @Test
    void startResultsAreLeaderClaimsToo() {
        c.onStart = (i, cmd) -> new StartResult(1, 6, true); // everyone says leader of term 6
        assertEquals(6, t.tryStart(2, Cmd.ofInt(1)).term());
        assertThrows(LabFailure.class, () -> t.tryStart(0, Cmd.ofInt(1)));
        c.onStart = (i, cmd) -> new StartResult(1, 7, i == 0);
        t.tryStart(0, Cmd.ofInt(1)); // a new term with a new leader is fine
    }
}
