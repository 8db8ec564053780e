package io.faultline.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.raft.api.Applied;
import io.faultline.raft.testing.CoreNet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raft paper §7 (log compaction): snapshots, InstallSnapshot, and restart from a snapshot. */
class SnapshotTest {

    static byte[] cmd(int i) {
        return ("c" + i).getBytes();
    }

    /** Every peer snapshots at each multiple of 10 it applies, as the 3D harness does. */
    static void snapshotEveryTen(CoreNet net) {
        for (int p = 0; p < net.n; p++) {
            if (net.down[p]) {
                continue;
            }
            List<Applied> applied = net.applied.get(p);
            long last = applied.isEmpty() ? 0 : applied.get(applied.size() - 1).index();
            long snapAt = last - last % 10;
            if (snapAt > net.cores[p].snapshotIndex()) {
                net.cores[p].compact(snapAt, ("snap" + snapAt).getBytes());
            }
        }
        net.settle();
    }

    @Test
    void section7_laggingFollowerCatchesUpWithInstallSnapshot() {
        CoreNet net = new CoreNet(3, 21, CoreOptions.STANDARD);
        int l = net.electLeader();
        int lagger = (l + 1) % 3;
        net.isolate(lagger, true);
        for (int i = 1; i <= 35; i++) {
            net.cores[l].propose(cmd(i));
            net.tickAll(2);
            snapshotEveryTen(net);
        }
        assertEquals(30, net.cores[l].snapshotIndex());
        assertEquals(0, net.cores[lagger].lastIndex());
        net.isolate(lagger, false);
        net.tickAll(300);
        List<Applied> got = net.applied.get(lagger);
        Applied first = got.get(0);
        assertInstanceOf(Applied.Snapshot.class, first, "the lagger starts from the leader's snapshot");
        assertEquals(30, first.index());
        for (int k = 1; k < got.size(); k++) {
            assertEquals(30 + k, got.get(k).index(), "then entries in order");
        }
        assertEquals(35, got.get(got.size() - 1).index());
        net.checkStateMachineSafety();
    }

    @Test
    void section7_deadFollowerIsNotSentTheSnapshotOverAndOver() {
        CoreNet net = new CoreNet(3, 25, CoreOptions.STANDARD);
        int l = net.electLeader();
        int dead = (l + 1) % 3;
        net.crash(dead);
        for (int i = 1; i <= 25; i++) {
            net.cores[l].propose(new byte[1000]);
            net.tickAll(2);
            snapshotEveryTen(net);
        }
        net.tickAll(10);
        net.cores[l].compact(25, new byte[3000]); // a big snapshot that the dead peer would need
        net.settle();
        long before = net.requestBytesTo[dead];
        net.tickAll(1000);
        assertTrue(net.requestBytesTo[dead] - before < 5_000, "sent " + (net.requestBytesTo[dead] - before));
        net.restart(dead);
        net.tickAll(50);
        assertEquals(net.cores[l].commitIndex(), net.cores[dead].commitIndex(), "it catches up once back");
        assertEquals(25, net.cores[dead].snapshotIndex());
    }

    @Test
    void section7_restartResumesAfterSnapshotAndKeepsIt() {
        CoreNet net = new CoreNet(3, 22, CoreOptions.STANDARD);
        int l = net.electLeader();
        for (int i = 1; i <= 25; i++) {
            net.cores[l].propose(cmd(i));
            net.tickAll(2);
            snapshotEveryTen(net);
        }
        net.tickAll(20);
        int f = (l + 2) % 3;
        assertEquals(20, net.cores[f].snapshotIndex());
        int before = net.applied.get(f).size();
        net.crash(f);
        net.restart(f);
        net.tickAll(20);
        List<Applied> after = net.applied.get(f).subList(before, net.applied.get(f).size());
        assertInstanceOf(Applied.Snapshot.class, after.get(0), "the restored snapshot is handed over first");
        assertEquals(20, after.get(0).index());
        for (Applied a : after) {
            assertTrue(!(a instanceof Applied.Command) || a.index() > 20, "never re-deliver " + a.index());
        }
        assertEquals(25, after.get(after.size() - 1).index());
        // Restart again without new snapshots: the snapshot must still be there (TestSnapshotInit3D).
        net.crash(f);
        net.restart(f);
        assertEquals(20, net.cores[f].snapshotIndex());
    }

    @Test
    void section7_persistedStateStaysSmallWithSnapshotsEveryTenEntries() {
        CoreNet net = new CoreNet(3, 23, CoreOptions.STANDARD);
        int l = net.electLeader();
        long max = 0;
        for (int i = 1; i <= 300; i++) {
            net.cores[l].propose(cmd(i));
            net.tickAll(2);
            snapshotEveryTen(net);
            for (int p = 0; p < 3; p++) {
                max = Math.max(max, net.stores[p].persistedStateBytes());
            }
        }
        assertTrue(max < 2000, "persisted raft state peaked at " + max + " bytes");
        assertTrue(max > 0);
    }

    @Test
    void section7_snapshotInstallDiscardsConflictingLog() {
        CoreNet net = new CoreNet(3, 24, CoreOptions.STANDARD);
        int l = net.electLeader();
        net.isolate(l, true);
        for (int i = 0; i < 5; i++) {
            net.cores[l].propose(cmd(100 + i)); // never committed
        }
        net.settle();
        while (net.leader() == l) {
            net.tickAll();
        }
        int l2 = net.leader();
        for (int i = 1; i <= 22; i++) {
            net.cores[l2].propose(cmd(i));
            net.tickAll(2);
            snapshotEveryTen(net);
        }
        net.isolate(l, false);
        net.tickAll(300);
        assertEquals(net.cores[l2].commitIndex(), net.cores[l].commitIndex());
        assertTrue(net.cores[l].snapshotIndex() >= 20, "old leader received a snapshot");
        assertEquals(22, net.cores[l].commitIndex());
        net.checkStateMachineSafety();
    }
}
