package io.faultline.labs.raft;

import java.util.List;

/** Lab 3A, election (spec §5.3 tests 1-3). */
final class RaftTests3A {
    private RaftTests3A() {}

    static List<RaftLabTest> all() {
        return List.of(
                new RaftLabTest("TestInitialElection3A", "3A", 3, true, false, RaftTests3A::initialElection),
                new RaftLabTest("TestReElection3A", "3A", 3, true, false, RaftTests3A::reElection),
                new RaftLabTest("TestManyElections3A", "3A", 7, true, false, RaftTests3A::manyElections));
    }

    static void initialElection(RaftTester t) {
        t.checkOneLeader();
        // let followers learn of the election, then all must agree on a term >= 1
        t.sleepMs(50);
        long term1 = t.checkTerms();
        if (term1 < 1) {
            throw t.fail("term is %d, but should be at least 1", term1);
        }
        // with no failures the term should stay; Go only warns when it changes
        t.sleepMs(2 * RaftTester.ELECTION_TIMEOUT_MS);
        t.checkTerms();
        t.checkOneLeader();
    }

    static void reElection(RaftTester t) {
        int n = t.servers();
        int leader1 = t.checkOneLeader();
        t.disconnect(leader1);
        t.checkOneLeader();
        t.connect(leader1);
        int leader2 = t.checkOneLeader();
        // no quorum: no leader may be elected
        t.disconnect(leader2);
        t.disconnect((leader2 + 1) % n);
        t.sleepMs(2 * RaftTester.ELECTION_TIMEOUT_MS);
        t.checkNoLeader();
        t.connect((leader2 + 1) % n);
        t.checkOneLeader();
        t.connect(leader2);
        t.checkOneLeader();
    }

    static void manyElections(RaftTester t) {
        int n = t.servers();
        t.checkOneLeader();
        for (int iter = 1; iter < 10; iter++) {
            int i1 = t.randInt(n);
            int i2 = t.randInt(n);
            int i3 = t.randInt(n);
            t.disconnect(i1);
            t.disconnect(i2);
            t.disconnect(i3);
            t.checkOneLeader();
            t.connect(i1);
            t.connect(i2);
            t.connect(i3);
        }
        t.checkOneLeader();
    }
}
