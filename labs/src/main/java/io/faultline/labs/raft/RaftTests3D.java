package io.faultline.labs.raft;

import java.util.List;

/** Lab 3D, snapshots (spec §5.3 tests 22-28); appliers run in snapshot mode. */
final class RaftTests3D {
    private RaftTests3D() {}

    static List<RaftLabTest> all() {
        return List.of(
                new RaftLabTest("TestSnapshotBasic3D", "3D", 3, true, true, t -> snapCommon(t, false, false)),
                new RaftLabTest("TestSnapshotInstall3D", "3D", 3, true, true, t -> snapCommon(t, true, false)),
                new RaftLabTest("TestSnapshotInstallUnreliable3D", "3D", 3, false, true, t -> snapCommon(t, true, false)),
                new RaftLabTest("TestSnapshotInstallCrash3D", "3D", 3, true, true, t -> snapCommon(t, false, true)),
                new RaftLabTest("TestSnapshotInstallUnCrash3D", "3D", 3, false, true, t -> snapCommon(t, false, true)),
                new RaftLabTest("TestSnapshotAllCrash3D", "3D", 3, false, true, RaftTests3D::allCrash),
                new RaftLabTest("TestSnapshotInit3D", "3D", 3, false, true, RaftTests3D::init));
    }

    /** Go {@code snapcommon}: 30 iterations of (fault, a burst of Starts, agreement, log size check). */
    static void snapCommon(RaftTester t, boolean disconnect, boolean crash) {
        int n = t.servers();
        t.one(t.randInt(), n, true);
        int leader1 = t.checkOneLeader();
        for (int i = 0; i < 30; i++) {
            int victim = (leader1 + 1) % n;
            int sender = leader1;
            if (i % 3 == 1) {
                sender = (leader1 + 1) % n;
                victim = leader1;
            }
            if (disconnect) {
                t.disconnect(victim);
                t.one(t.randInt(), n - 1, true);
            }
            if (crash) {
                t.crash(victim);
                t.one(t.randInt(), n - 1, true);
            }
            // perhaps send enough to get a snapshot
            int nn = Applier.SNAPSHOT_INTERVAL / 2 + t.randInt(Applier.SNAPSHOT_INTERVAL);
            for (int k = 0; k < nn; k++) {
                t.start(sender, Cmd.ofInt(t.randInt()));
            }
            // let the appliers catch up with the Starts
            if (!disconnect && !crash) {
                // all followers caught up, so Basic needs no InstallSnapshot
                t.one(t.randInt(), n, true);
            } else {
                t.one(t.randInt(), n - 1, true);
            }
            long logSize = t.logSize();
            if (logSize >= RaftTester.LOG_SIZE_BYTES_MAX) {
                throw t.fail("Log size too large: %d bytes >= %d", logSize, RaftTester.LOG_SIZE_BYTES_MAX);
            }
            if (disconnect) {
                // a lagging follower may need a snapshot to catch up
                t.connect(victim);
                t.one(t.randInt(), n, true);
                leader1 = t.checkOneLeader();
            }
            if (crash) {
                t.restart(victim);
                t.one(t.randInt(), n, true);
                leader1 = t.checkOneLeader();
            }
        }
    }

    /** Do servers persist snapshots, and restart from the snapshot plus the tail of the log? */
    static void allCrash(RaftTester t) {
        int n = t.servers();
        t.one(t.randInt(), n, true);
        for (int i = 0; i < 5; i++) {
            int nn = Applier.SNAPSHOT_INTERVAL / 2 + t.randInt(Applier.SNAPSHOT_INTERVAL);
            for (int k = 0; k < nn; k++) {
                t.one(t.randInt(), n, true);
            }
            long index1 = t.one(t.randInt(), n, true);
            t.crashAll();
            t.startAll();
            long index2 = t.one(t.randInt(), n, true);
            if (index2 < index1 + 1) {
                throw t.fail("index decreased from %d to %d", index1, index2);
            }
        }
    }

    /** Does a restarted Raft load its snapshot and keep passing it to later saves? */
    static void init(RaftTester t) {
        int n = t.servers();
        t.one(t.randInt(), n, true);
        for (int i = 0; i < Applier.SNAPSHOT_INTERVAL + 1; i++) {
            t.one(t.randInt(), n, true);
        }
        t.crashAll();
        t.startAll();
        t.one(t.randInt(), n, true); // something to write back to persistent storage
        t.crashAll();
        t.startAll();
        t.one(t.randInt(), n, true); // would trip over a lost snapshot
    }
}
