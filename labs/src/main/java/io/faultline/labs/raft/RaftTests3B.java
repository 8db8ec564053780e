package io.faultline.labs.raft;

import io.faultline.labs.LabTask;
import io.faultline.raft.api.StartResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Lab 3B, log replication (spec §5.3 tests 4-13). */
final class RaftTests3B {
    private RaftTests3B() {}

    static List<RaftLabTest> all() {
        return List.of(
                new RaftLabTest("TestBasicAgree3B", "3B", 3, true, false, RaftTests3B::basicAgree),
                new RaftLabTest("TestRPCBytes3B", "3B", 3, true, false, RaftTests3B::rpcBytes),
                new RaftLabTest("TestFollowerFailure3B", "3B", 3, true, false, RaftTests3B::followerFailure),
                new RaftLabTest("TestLeaderFailure3B", "3B", 3, true, false, RaftTests3B::leaderFailure),
                new RaftLabTest("TestFailAgree3B", "3B", 3, true, false, RaftTests3B::failAgree),
                new RaftLabTest("TestFailNoAgree3B", "3B", 5, true, false, RaftTests3B::failNoAgree),
                new RaftLabTest("TestConcurrentStarts3B", "3B", 3, true, false, RaftTests3B::concurrentStarts),
                new RaftLabTest("TestRejoin3B", "3B", 3, true, false, RaftTests3B::rejoin),
                new RaftLabTest("TestBackup3B", "3B", 5, true, false, RaftTests3B::backup),
                new RaftLabTest("TestCount3B", "3B", 3, true, false, RaftTests3B::count));
    }

    static void basicAgree(RaftTester t) {
        int n = t.servers();
        for (int index = 1; index <= 3; index++) {
            if (t.nCommitted(index).count() > 0) {
                throw t.fail("some have committed before Start()");
            }
            long xindex = t.one(index * 100L, n, false);
            if (xindex != index) {
                throw t.fail("got index %d but expected %d", xindex, index);
            }
        }
    }

    /** Each command should go to each peer about once: bytes <= servers * sent + 50,000. */
    static void rpcBytes(RaftTester t) {
        int n = t.servers();
        t.one(99, n, false);
        long bytes0 = t.cluster().bytesTotal();
        long sent = 0;
        for (int index = 2; index < 12; index++) {
            String s = randString(t, 5_000);
            long xindex = t.one(Cmd.ofString(s), n, false);
            if (xindex != index) {
                throw t.fail("got index %d but expected %d", xindex, index);
            }
            sent += s.length();
        }
        long got = t.cluster().bytesTotal() - bytes0;
        long expected = n * sent;
        if (got > expected + 50_000) {
            throw t.fail("too many RPC bytes; got %d, expected %d", got, expected);
        }
    }

    static void followerFailure(RaftTester t) {
        int n = t.servers();
        t.one(101, n, false);
        int leader1 = t.checkOneLeader();
        t.disconnect((leader1 + 1) % n);
        t.one(102, n - 1, false);
        t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS);
        t.one(103, n - 1, false);
        int leader2 = t.checkOneLeader();
        t.disconnect((leader2 + 1) % n);
        t.disconnect((leader2 + 2) % n);
        StartResult r = t.start(leader2, Cmd.ofInt(104));
        if (!r.isLeader()) {
            throw t.fail("leader rejected Start()");
        }
        if (r.index() != 4) {
            throw t.fail("expected index 4, got %d", r.index());
        }
        t.sleepMs(2 * RaftTester.ELECTION_TIMEOUT_MS);
        t.checkNoAgreement(r.index());
    }

    static void leaderFailure(RaftTester t) {
        int n = t.servers();
        t.one(101, n, false);
        int leader1 = t.checkOneLeader();
        t.disconnect(leader1);
        t.one(102, n - 1, false);
        t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS);
        t.one(103, n - 1, false);
        int leader2 = t.checkOneLeader();
        t.disconnect(leader2);
        for (int i = 0; i < n; i++) {
            t.start(i, Cmd.ofInt(104));
        }
        t.sleepMs(2 * RaftTester.ELECTION_TIMEOUT_MS);
        t.checkNoAgreement(4);
    }

    static void failAgree(RaftTester t) {
        int n = t.servers();
        t.one(101, n, false);
        int leader = t.checkOneLeader();
        t.disconnect((leader + 1) % n);
        t.one(102, n - 1, false);
        t.one(103, n - 1, false);
        t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS);
        t.one(104, n - 1, false);
        t.one(105, n - 1, false);
        t.connect((leader + 1) % n);
        t.one(106, n, true);
        t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS);
        t.one(107, n, true);
    }

    static void failNoAgree(RaftTester t) {
        int n = t.servers();
        t.one(10, n, false);
        int leader = t.checkOneLeader();
        t.disconnect((leader + 1) % n);
        t.disconnect((leader + 2) % n);
        t.disconnect((leader + 3) % n);
        StartResult r = t.start(leader, Cmd.ofInt(20));
        if (!r.isLeader()) {
            throw t.fail("leader rejected Start()");
        }
        if (r.index() != 2) {
            throw t.fail("expected index 2, got %d", r.index());
        }
        t.sleepMs(2 * RaftTester.ELECTION_TIMEOUT_MS);
        int committed = t.nCommitted(r.index()).count();
        if (committed > 0) {
            throw t.fail("%d committed but no majority", committed);
        }
        t.connect((leader + 1) % n);
        t.connect((leader + 2) % n);
        t.connect((leader + 3) % n);
        // the disconnected majority may have elected a leader that forgot index 2
        int leader2 = t.checkOneLeader();
        StartResult r2 = t.start(leader2, Cmd.ofInt(30));
        if (!r2.isLeader()) {
            throw t.fail("leader2 rejected Start()");
        }
        if (r2.index() < 2 || r2.index() > 3) {
            throw t.fail("unexpected index %d", r2.index());
        }
        t.one(1000, n, true);
    }

    static void concurrentStarts(RaftTester t) {
        int n = t.servers();
        for (int attempt = 0; attempt < 5; attempt++) {
            if (attempt > 0) {
                t.sleepMs(3_000); // let the solution settle
            }
            if (concurrentStartsAttempt(t, n)) {
                return;
            }
        }
        throw t.fail("term changed too often");
    }

    /** One attempt; false when the term moved on and the attempt is spoilt. */
    private static boolean concurrentStartsAttempt(RaftTester t, int n) {
        int leader = t.checkOneLeader();
        StartResult first = t.start(leader, Cmd.ofInt(1));
        if (!first.isLeader()) {
            return false;
        }
        long term = first.term();
        List<Long> indexes = Collections.synchronizedList(new ArrayList<>());
        List<LabTask> tasks = new ArrayList<>();
        for (int ii = 0; ii < 5; ii++) {
            int i = ii;
            tasks.add(t.env().spawn("start-" + i, () -> {
                StartResult r = t.start(leader, Cmd.ofInt(100 + i));
                if (r.term() == term && r.isLeader()) {
                    indexes.add(r.index());
                }
            }));
        }
        for (LabTask task : tasks) {
            task.join();
        }
        for (int j = 0; j < n; j++) {
            if (t.term(j) != term) {
                return false; // term changed: can't expect all Starts to commit
            }
        }
        List<Long> cmds = new ArrayList<>();
        for (long index : indexes) {
            byte[] cmd = t.wait(index, n, term);
            if (cmd == null) {
                return false; // peers moved on to later terms
            }
            if (!Cmd.isInt(cmd)) {
                throw t.fail("value %s is not an int", Cmd.show(cmd));
            }
            cmds.add(Cmd.asInt(cmd));
        }
        for (int ii = 0; ii < 5; ii++) {
            if (!cmds.contains(100L + ii)) {
                throw t.fail("cmd %d missing in %s", 100 + ii, cmds);
            }
        }
        return true;
    }

    static void rejoin(RaftTester t) {
        int n = t.servers();
        t.one(101, n, true);
        int leader1 = t.checkOneLeader();
        t.disconnect(leader1);
        // the old leader tries to agree on some entries
        t.start(leader1, Cmd.ofInt(102));
        t.start(leader1, Cmd.ofInt(103));
        t.start(leader1, Cmd.ofInt(104));
        // the new leader commits, also for index 2
        t.one(103, 2, true);
        int leader2 = t.checkOneLeader();
        t.disconnect(leader2);
        t.connect(leader1);
        t.one(104, 2, true);
        t.connect(leader2);
        t.one(105, n, true);
    }

    static void backup(RaftTester t) {
        int n = t.servers();
        t.one(t.randInt(), n, true);
        // put the leader and one follower in a partition
        int leader1 = t.checkOneLeader();
        t.disconnect((leader1 + 2) % n);
        t.disconnect((leader1 + 3) % n);
        t.disconnect((leader1 + 4) % n);
        for (int i = 0; i < 50; i++) {
            t.start(leader1, Cmd.ofInt(t.randInt())); // cannot commit
        }
        t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS / 2);
        t.disconnect(leader1 % n);
        t.disconnect((leader1 + 1) % n);
        // allow the other partition to recover
        t.connect((leader1 + 2) % n);
        t.connect((leader1 + 3) % n);
        t.connect((leader1 + 4) % n);
        for (int i = 0; i < 50; i++) {
            t.one(t.randInt(), 3, true);
        }
        // now another partitioned leader and one follower
        int leader2 = t.checkOneLeader();
        int other = (leader1 + 2) % n;
        if (leader2 == other) {
            other = (leader2 + 1) % n;
        }
        t.disconnect(other);
        for (int i = 0; i < 50; i++) {
            t.start(leader2, Cmd.ofInt(t.randInt())); // cannot commit
        }
        t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS / 2);
        // bring the original leader back to life
        for (int i = 0; i < n; i++) {
            t.disconnect(i);
        }
        t.connect(leader1 % n);
        t.connect((leader1 + 1) % n);
        t.connect(other);
        for (int i = 0; i < 50; i++) {
            t.one(t.randInt(), 3, true);
        }
        for (int i = 0; i < n; i++) {
            t.connect(i);
        }
        t.one(t.randInt(), n, true);
    }

    static void count(RaftTester t) {
        int n = t.servers();
        t.checkOneLeader();
        long total1 = rpcs(t);
        if (total1 > 30 || total1 < 1) {
            throw t.fail("too many or few RPCs (%d) to elect initial leader", total1);
        }
        long total2 = -1;
        for (int attempt = 0; attempt < 5 && total2 < 0; attempt++) {
            if (attempt > 0) {
                t.sleepMs(3_000); // let the solution settle
            }
            total2 = countAttempt(t, n);
        }
        if (total2 < 0) {
            throw t.fail("term changed too often");
        }
        t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS);
        long total3 = rpcs(t);
        if (total3 - total2 > 3 * 20) {
            throw t.fail("too many RPCs (%d) for 1 second of idleness", total3 - total2);
        }
    }

    /** One agreement attempt of TestCount3B: the RPC total after it, or -1 if the term moved on. */
    private static long countAttempt(RaftTester t, int n) {
        int leader = t.checkOneLeader();
        long total1 = rpcs(t);
        int iters = 10;
        StartResult first = t.start(leader, Cmd.ofInt(1));
        if (!first.isLeader()) {
            return -1;
        }
        long starti = first.index();
        long term = first.term();
        List<Long> cmds = new ArrayList<>();
        for (int i = 1; i < iters + 2; i++) {
            long x = t.env().random().nextLong() >>> 33; // Go rand.Int31()
            cmds.add(x);
            StartResult r = t.start(leader, Cmd.ofInt(x));
            if (r.term() != term || !r.isLeader()) {
                return -1;
            }
            if (starti + i != r.index()) {
                throw t.fail("Start() failed: leader %d put the command at index %d, expected %d",
                        leader, r.index(), starti + i);
            }
        }
        for (int i = 1; i < iters + 1; i++) {
            byte[] cmd = t.wait(starti + i, n, term);
            if (cmd == null) {
                return -1; // term changed: try again
            }
            if (!Cmd.isInt(cmd) || Cmd.asInt(cmd) != cmds.get(i - 1)) {
                throw t.fail("wrong value %s committed for index %d; expected %s", Cmd.show(cmd), starti + i, cmds);
            }
        }
        long total2 = 0;
        boolean moved = false;
        for (int j = 0; j < n; j++) {
            if (t.term(j) != term) {
                moved = true; // term changed: can't expect low RPC counts
            }
            total2 += t.cluster().rpcCount(j);
        }
        if (moved) {
            return -1;
        }
        if (total2 - total1 > (iters + 1 + 3) * 3) {
            throw t.fail("too many RPCs (%d) for %d entries", total2 - total1, iters);
        }
        return total2;
    }

    private static long rpcs(RaftTester t) {
        long sum = 0;
        for (int j = 0; j < t.servers(); j++) {
            sum += t.cluster().rpcCount(j);
        }
        return sum;
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Go {@code tester.Randstring(n)}: n random base64 characters. */
    static String randString(RaftTester t, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(t.randInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
