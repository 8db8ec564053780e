package io.faultline.labs.raft;

import io.faultline.labs.LabTask;
import java.util.ArrayList;
import java.util.List;

/** Lab 3C, persistence (spec §5.3 tests 14-21). A crash is Go's ShutdownServer. */
final class RaftTests3C {
    private RaftTests3C() {}

    static List<RaftLabTest> all() {
        return List.of(
                new RaftLabTest("TestPersist13C", "3C", 3, true, false, RaftTests3C::persist1),
                new RaftLabTest("TestPersist23C", "3C", 5, true, false, RaftTests3C::persist2),
                new RaftLabTest("TestPersist33C", "3C", 3, true, false, RaftTests3C::persist3),
                new RaftLabTest("TestFigure83C", "3C", 5, true, false, RaftTests3C::figure8),
                new RaftLabTest("TestUnreliableAgree3C", "3C", 5, false, false, RaftTests3C::unreliableAgree),
                new RaftLabTest("TestFigure8Unreliable3C", "3C", 5, false, false, RaftTests3C::figure8Unreliable),
                new RaftLabTest("TestReliableChurn3C", "3C", 5, true, false, RaftChurn::run),
                new RaftLabTest("TestUnreliableChurn3C", "3C", 5, false, false, RaftChurn::run));
    }

    static void persist1(RaftTester t) {
        int n = t.servers();
        t.one(11, n, true);
        t.crashAll();
        t.startAll();
        t.one(12, n, true);
        int leader1 = t.checkOneLeader();
        t.crash(leader1);
        t.restart(leader1);
        t.one(13, n, true);
        int leader2 = t.checkOneLeader();
        t.crash(leader2);
        t.one(14, n - 1, true);
        t.restart(leader2);
        t.wait(4, n, -1); // wait for leader2 to join before crashing i3
        int i3 = (t.checkOneLeader() + 1) % n;
        t.crash(i3);
        t.one(15, n - 1, true);
        t.restart(i3);
        t.one(16, n, true);
    }

    static void persist2(RaftTester t) {
        int n = t.servers();
        int index = 1;
        for (int iter = 0; iter < 5; iter++) {
            t.one(10 + index, n, true);
            index++;
            int leader1 = t.checkOneLeader();
            t.crash((leader1 + 1) % n);
            t.crash((leader1 + 2) % n);
            t.one(10 + index, n - 2, true);
            index++;
            t.crash(leader1 % n);
            t.crash((leader1 + 3) % n);
            t.crash((leader1 + 4) % n);
            t.restart((leader1 + 1) % n);
            t.restart((leader1 + 2) % n);
            t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS);
            t.restart((leader1 + 3) % n);
            t.one(10 + index, n - 2, true);
            index++;
            t.restart((leader1 + 4) % n);
            t.restart(leader1 % n);
        }
        t.one(1000, n, true);
    }

    static void persist3(RaftTester t) {
        int n = t.servers();
        t.one(101, 3, true);
        int leader = t.checkOneLeader();
        t.disconnect((leader + 2) % n);
        t.one(102, 2, true);
        t.crash(leader % n);
        t.crash((leader + 1) % n);
        t.connect((leader + 2) % n);
        t.restart(leader % n);
        t.one(103, 2, true);
        t.restart((leader + 1) % n);
        t.one(104, n, true);
    }

    /** Figure 8 of the extended Raft paper: leaders crash quickly, often before committing. */
    static void figure8(RaftTester t) {
        int n = t.servers();
        t.one(t.randInt(), 1, true);
        int nup = n;
        for (int iter = 0; iter < 1000; iter++) {
            int leader = -1;
            for (int i = 0; i < n; i++) {
                if (t.isUp(i) && t.start(i, Cmd.ofInt(t.randInt())).isLeader()) {
                    leader = i;
                }
            }
            sleepFigure8(t);
            if (leader != -1) {
                t.crash(leader);
                nup--;
            }
            if (nup < 3) {
                int s = t.randInt(n);
                if (!t.isUp(s)) {
                    t.restart(s);
                    nup++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!t.isUp(i)) {
                t.restart(i);
            }
        }
        t.one(t.randInt(), n, true);
    }

    /** 10%: U[0, 500) ms, else U[0, 13) ms (Go {@code rand.Int() % 1000 < 100}). */
    private static void sleepFigure8(RaftTester t) {
        if (t.randInt(1000) < 100) {
            t.sleepMs(t.randInt((int) (RaftTester.ELECTION_TIMEOUT_MS / 2)));
        } else {
            t.sleepMs(t.randInt(13));
        }
    }

    static void unreliableAgree(RaftTester t) {
        int n = t.servers();
        List<LabTask> tasks = new ArrayList<>();
        for (int iter = 1; iter < 50; iter++) {
            for (int j = 0; j < 4; j++) {
                long cmd = 100L * iter + j;
                tasks.add(t.env().spawn("one-" + cmd, () -> t.one(cmd, 1, true)));
            }
            t.one(iter, 1, true);
        }
        t.setReliable(true);
        for (LabTask task : tasks) {
            task.join();
        }
        t.one(100, n, true);
    }

    static void figure8Unreliable(RaftTester t) {
        int n = t.servers();
        t.one(t.randInt() % 10_000, 1, true);
        int nup = n;
        for (int iter = 0; iter < 1000; iter++) {
            if (iter == 200) {
                t.setLongReordering(true);
            }
            int leader = -1;
            for (int i = 0; i < n; i++) {
                boolean ok = t.start(i, Cmd.ofInt(t.randInt() % 10_000)).isLeader();
                if (ok && t.isConnected(i)) {
                    leader = i;
                }
            }
            sleepFigure8(t);
            if (leader != -1 && t.randInt(1000) < RaftTester.ELECTION_TIMEOUT_MS / 2) {
                t.disconnect(leader);
                nup--;
            }
            if (nup < 3) {
                int s = t.randInt(n);
                if (!t.isConnected(s)) {
                    t.connect(s);
                    nup++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!t.isConnected(i)) {
                t.connect(i);
            }
        }
        t.one(t.randInt() % 10_000, n, true);
    }
}
