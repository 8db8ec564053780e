package io.faultline.labs.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.raft.api.Applied;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's appliers catch the apply bugs the Go harness catches, and only those. */
class ApplierTest {
    /** Records snapshot calls; everything else is unused. */
    static final class SnapshotRecorder implements RaftNode {
        final List<Long> snapshotIndexes = new ArrayList<>();
        final List<byte[]> snapshots = new ArrayList<>();

        @Override
        public StartResult start(byte[] command) {
            return StartResult.notLeader(0);
        }

        @Override
        public RaftStatus status() {
            return new RaftStatus(0, RaftStatus.Role.FOLLOWER, 0, 0, -1);
        }

        @Override
        public void snapshot(long index, byte[] snapshot) {
            snapshotIndexes.add(index);
            snapshots.add(snapshot);
        }

        @Override
        public long persistedStateBytes() {
            return 0;
        }

        @Override
        public void kill() {}
    }

    private static Applied.Command cmd(long index, long value) {
        return new Applied.Command(index, 1, Cmd.ofInt(value));
    }

    @Test
    void agreeingInOrderAppliesAreFine() {
        ApplyLogs logs = new ApplyLogs(3);
        Applier[] a = {new Applier(logs, 0, false), new Applier(logs, 1, false), new Applier(logs, 2, false)};
        for (long i = 1; i <= 5; i++) {
            for (Applier x : a) {
                x.apply(cmd(i, i * 10));
            }
        }
        assertNull(logs.error());
        assertEquals(3, logs.committed(5).count());
        assertEquals(5, logs.maxIndex());
    }

    @Test
    void differentCommandsAtOneIndexAreAnApplyError() {
        ApplyLogs logs = new ApplyLogs(2);
        Applier a = new Applier(logs, 0, false);
        Applier b = new Applier(logs, 1, false);
        a.apply(cmd(1, 10));
        b.apply(cmd(1, 11));
        assertNotNull(logs.error());
        assertTrue(logs.error().contains("commit index=1"), logs.error());
        assertNotNull(logs.committed(1).mismatch());
    }

    @Test
    void skippingAnIndexIsAnApplyError() {
        ApplyLogs logs = new ApplyLogs(1);
        Applier a = new Applier(logs, 0, false);
        a.apply(cmd(1, 10));
        a.apply(cmd(3, 30));
        assertEquals("server 0 apply out of order 3", logs.error());
    }

    @Test
    void appliesAfterACrashAreIgnoredAndARestartStartsEmpty() {
        ApplyLogs logs = new ApplyLogs(1);
        Applier a = new Applier(logs, 0, false);
        a.apply(cmd(1, 10));
        a.stop();
        a.apply(cmd(2, 20));
        Applier again = new Applier(logs, 0, false);
        assertEquals(0, logs.committed(1).count());
        again.apply(cmd(1, 10));
        assertNull(logs.error());
    }

    @Test
    void snapshotModeSnapshotsEveryTenEntriesFromInsideTheApply() {
        ApplyLogs logs = new ApplyLogs(1);
        Applier a = new Applier(logs, 0, true);
        SnapshotRecorder node = new SnapshotRecorder();
        a.attach(node);
        for (long i = 1; i <= 25; i++) {
            a.apply(cmd(i, i));
        }
        assertNull(logs.error());
        assertEquals(List.of(9L, 19L), node.snapshotIndexes);
        SnapshotCodec.Decoded d = SnapshotCodec.decode(node.snapshots.get(1));
        assertEquals(19, d.lastIncludedIndex());
    }

    @Test
    void snapshotModeRequiresLastAppliedPlusOneAndIngestsSnapshots() {
        ApplyLogs logs = new ApplyLogs(2);
        Applier leader = new Applier(logs, 0, true);
        SnapshotRecorder node = new SnapshotRecorder();
        leader.attach(node);
        for (long i = 1; i <= 10; i++) {
            leader.apply(cmd(i, i));
        }
        // a lagging follower gets the snapshot, then continues at 10
        Applier follower = new Applier(logs, 1, true);
        follower.apply(new Applied.Snapshot(9, 1, node.snapshots.get(0)));
        follower.apply(cmd(10, 10));
        assertNull(logs.error());
        assertEquals(2, logs.committed(10).count());
        // re-delivering an index at or below the snapshot is an error
        follower.apply(cmd(5, 5));
        assertNotNull(logs.error());
        assertTrue(logs.error().contains("expected index 11, got 5"), logs.error());
    }

    @Test
    void aSnapshotWhoseIndexDisagreesIsAnError() {
        ApplyLogs logs = new ApplyLogs(1);
        Applier a = new Applier(logs, 0, true);
        SnapshotRecorder node = new SnapshotRecorder();
        a.attach(node);
        for (long i = 1; i <= 9; i++) {
            a.apply(cmd(i, i));
        }
        Applier b = new Applier(logs, 0, true);
        b.apply(new Applied.Snapshot(8, 1, node.snapshots.get(0)));
        assertTrue(logs.error().contains("doesn't match"), logs.error());
    }

    @Test
    void commandModeIgnoresSnapshotMessages() {
        ApplyLogs logs = new ApplyLogs(1);
        Applier a = new Applier(logs, 0, false);
        a.apply(new Applied.Snapshot(9, 1, new byte[] {1, 2, 3}));
        assertNull(logs.error());
    }

    @Test
    void aSnapshotReadAtStartIsIngestedBeforeAnyApply() {
        ApplyLogs logs = new ApplyLogs(1);
        Applier first = new Applier(logs, 0, true);
        SnapshotRecorder node = new SnapshotRecorder();
        first.attach(node);
        for (long i = 1; i <= 9; i++) {
            first.apply(cmd(i, i));
        }
        first.stop();
        Applier restarted = new Applier(logs, 0, true);
        restarted.ingestAtStart(node.snapshots.get(0));
        restarted.apply(cmd(10, 10));
        assertNull(logs.error());
        assertEquals(1, logs.committed(9).count());
        restarted.ingestAtStart(new byte[] {1});
        assertTrue(logs.error().contains("failed to decode snapshot"), logs.error());
    }
}
