package io.faultline.raft.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.codec.Records;
import io.faultline.raft.core.Entry;
import io.faultline.raft.core.HardState;
import io.faultline.raft.core.PersistentState;
import io.faultline.raft.core.Ready;
import io.faultline.raft.core.Snapshot;
import io.faultline.raft.testing.MemStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The on-disk layout: round trips, truncation, compaction, torn tails and corruption. */
class RaftStorageTest {

    static Entry e(long index, long term) {
        return new Entry(index, term, ("cmd" + index).getBytes());
    }

    static List<Entry> range(long from, long to, long term) {
        List<Entry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(e(i, term));
        }
        return out;
    }

    static Ready write(HardState hs, long truncateFrom, List<Entry> entries, Snapshot snap) {
        return new Ready(hs, truncateFrom, entries, snap, List.of(), null, List.of(), 1);
    }

    static PersistentState reload(MemStorage disk) {
        return RaftStorage.load(disk, 3).state();
    }

    @Test
    void emptyStorageLoadsInitialState() {
        PersistentState s = reload(new MemStorage());
        assertEquals(HardState.INITIAL, s.hardState());
        assertNull(s.snapshot());
        assertTrue(s.entries().isEmpty());
    }

    @Test
    void hardStateAndEntriesRoundTrip() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 3).storage();
        rs.persist(write(new HardState(7, 2), 0, range(1, 5, 7), null));
        PersistentState s = reload(disk);
        assertEquals(new HardState(7, 2), s.hardState());
        assertEquals(range(1, 5, 7), s.entries());
        assertEquals(disk.sizeBytes(RaftStorage.STATE_FILE) + disk.sizeBytes(RaftStorage.LOG_FILE),
                rs.persistedStateBytes());
    }

    @Test
    void conflictTruncatesTheSuffix() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 3).storage();
        rs.persist(write(new HardState(1, 0), 0, range(1, 5, 1), null));
        rs.persist(write(new HardState(2, -1), 3, range(3, 4, 2), null));
        List<Entry> expected = new ArrayList<>(range(1, 2, 1));
        expected.addAll(range(3, 4, 2));
        assertEquals(expected, reload(disk).entries());
        // And appending continues from the truncated end.
        rs.persist(write(null, 0, range(5, 6, 2), null));
        expected.addAll(range(5, 6, 2));
        assertEquals(expected, reload(disk).entries());
    }

    @Test
    void snapshotCompactsTheLogOnceDurable() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 3).storage();
        rs.persist(write(new HardState(1, 0), 0, range(1, 20, 1), null));
        long full = disk.sizeBytes(RaftStorage.LOG_FILE);
        Snapshot snap = new Snapshot(10, 1, "state@10".getBytes());
        rs.persist(write(null, 0, List.of(), snap));
        assertEquals(full, disk.sizeBytes(RaftStorage.LOG_FILE), "log not cut before the snapshot is durable");
        PersistentState beforeSync = reload(disk);
        assertEquals(range(11, 20, 1), beforeSync.entries(), "entries covered by the snapshot are skipped");
        rs.afterSync();
        assertTrue(disk.sizeBytes(RaftStorage.LOG_FILE) < full * 6 / 10, "log compacted");
        PersistentState s = reload(disk);
        assertEquals(snap, s.snapshot());
        assertEquals(range(11, 20, 1), s.entries());
        rs.persist(write(null, 0, range(21, 22, 1), null));
        List<Entry> expected = new ArrayList<>(range(11, 22, 1));
        assertEquals(expected, reload(disk).entries());
    }

    @Test
    void installedSnapshotBeyondTheLogStartsAFreshLog() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 3).storage();
        rs.persist(write(new HardState(1, 0), 0, range(1, 5, 1), null));
        Snapshot snap = new Snapshot(7, 2, "s7".getBytes());
        rs.persist(write(new HardState(2, -1), 0, range(8, 9, 2), snap));
        rs.afterSync();
        PersistentState s = reload(disk);
        assertEquals(snap, s.snapshot());
        assertEquals(range(8, 9, 2), s.entries());
        // A discarding install (truncateFrom = 1) empties the log.
        rs.persist(write(null, 1, List.of(), new Snapshot(30, 3, "s30".getBytes())));
        rs.afterSync();
        assertTrue(reload(disk).entries().isEmpty());
        assertEquals(30, reload(disk).snapshot().index());
    }

    @Test
    void tornTailIsCutOffOnLoad() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 3).storage();
        rs.persist(write(new HardState(1, 0), 0, range(1, 4, 1), null));
        byte[] log = disk.raw(RaftStorage.LOG_FILE);
        int lastRecordStart = log.length - Records.encode(payload(e(4, 1))).length;
        disk.putRaw(RaftStorage.LOG_FILE, Arrays.copyOf(log, log.length - 3));
        RaftStorage.Loaded loaded = RaftStorage.load(disk, 3);
        assertEquals(range(1, 3, 1), loaded.state().entries());
        assertEquals(lastRecordStart, disk.sizeBytes(RaftStorage.LOG_FILE), "torn record removed from the file");
        loaded.storage().persist(write(null, 0, List.of(e(4, 2)), null));
        assertEquals(4, reload(disk).entries().size());
    }

    @Test
    void tornCommandThatEmbedsARecordIsStillATornTail() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 3).storage();
        rs.persist(write(new HardState(1, 0), 0, range(1, 2, 1), null));
        byte[] inner = Records.encode("framed bytes inside a command".getBytes());
        byte[] cmd = new byte[inner.length + 20];
        System.arraycopy(inner, 0, cmd, 0, inner.length);
        rs.persist(write(null, 0, List.of(new Entry(3, 1, cmd)), null));
        byte[] log = disk.raw(RaftStorage.LOG_FILE);
        disk.putRaw(RaftStorage.LOG_FILE, Arrays.copyOf(log, log.length - 5));
        assertEquals(range(1, 2, 1), reload(disk).entries());
    }

    static byte[] payload(Entry e) {
        io.faultline.core.codec.ByteWriter w = new io.faultline.core.codec.ByteWriter();
        w.writeVarLong(e.index()).writeVarLong(e.term()).writeBytes(e.command());
        return w.toByteArray();
    }

    @Test
    void corruptRecordInTheMiddleStopsStartupNamingNodeFileAndOffset() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 3).storage();
        rs.persist(write(new HardState(1, 0), 0, range(1, 4, 1), null));
        byte[] log = disk.raw(RaftStorage.LOG_FILE).clone();
        int second = Records.encode(payload(e(1, 1))).length;
        log[second + 6] ^= 0x40; // inside the second record's payload
        disk.putRaw(RaftStorage.LOG_FILE, log);
        RaftStorageException ex = assertThrows(RaftStorageException.class, () -> RaftStorage.load(disk, 3));
        assertTrue(ex.getMessage().contains("raft node 3"), ex.getMessage());
        assertTrue(ex.getMessage().contains(RaftStorage.LOG_FILE), ex.getMessage());
        assertTrue(ex.getMessage().contains("offset " + second), ex.getMessage());
        assertEquals(log.length, disk.sizeBytes(RaftStorage.LOG_FILE), "nothing was cut");
    }

    @Test
    void damagedLengthMidFileIsCorruptionNotATornTail() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 3).storage();
        rs.persist(write(new HardState(1, 0), 0, range(1, 6, 1), null));
        byte[] log = disk.raw(RaftStorage.LOG_FILE).clone();
        int second = Records.encode(payload(e(1, 1))).length;
        log[second] = (byte) 0x7F; // the second record now claims 127 bytes: past the end of the file
        disk.putRaw(RaftStorage.LOG_FILE, log);
        RaftStorageException ex = assertThrows(RaftStorageException.class, () -> RaftStorage.load(disk, 3));
        assertTrue(ex.getMessage().contains("offset " + second) && ex.getMessage().contains("valid record follows"),
                ex.getMessage());
        assertEquals(log.length, disk.sizeBytes(RaftStorage.LOG_FILE), "nothing was cut");
    }

    @Test
    void badStateOrSnapshotFileStopsStartup() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 5).storage();
        rs.persist(write(new HardState(4, 1), 0, range(1, 2, 1), new Snapshot(1, 1, "x".getBytes())));
        byte[] state = disk.raw(RaftStorage.STATE_FILE).clone();
        state[state.length - 1] ^= 1;
        disk.putRaw(RaftStorage.STATE_FILE, state);
        RaftStorageException ex = assertThrows(RaftStorageException.class, () -> RaftStorage.load(disk, 5));
        assertTrue(ex.getMessage().contains("raft node 5") && ex.getMessage().contains(RaftStorage.STATE_FILE),
                ex.getMessage());

        MemStorage disk2 = new MemStorage();
        RaftStorage rs2 = RaftStorage.load(disk2, 5).storage();
        rs2.persist(write(new HardState(4, 1), 0, List.of(), new Snapshot(3, 1, "abc".getBytes())));
        byte[] snap = disk2.raw(RaftStorage.SNAPSHOT_FILE);
        disk2.putRaw(RaftStorage.SNAPSHOT_FILE, Arrays.copyOf(snap, snap.length - 1));
        ex = assertThrows(RaftStorageException.class, () -> RaftStorage.load(disk2, 5));
        assertTrue(ex.getMessage().contains(RaftStorage.SNAPSHOT_FILE), ex.getMessage());
    }

    @Test
    void nonContiguousLogIsCorruption() {
        MemStorage disk = new MemStorage();
        byte[] a = Records.encode(payload(e(1, 1)));
        byte[] b = Records.encode(payload(e(3, 1)));
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        disk.putRaw(RaftStorage.LOG_FILE, both);
        RaftStorageException ex = assertThrows(RaftStorageException.class, () -> RaftStorage.load(disk, 1));
        assertTrue(ex.getMessage().contains("offset " + a.length), ex.getMessage());
    }

    @Test
    void logThatDoesNotReachTheSnapshotIsCorruption() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 4).storage();
        rs.persist(write(new HardState(1, 0), 0, range(1, 9, 1), new Snapshot(3, 1, "s".getBytes())));
        rs.afterSync(); // log now holds 4..9
        disk.putRaw(RaftStorage.SNAPSHOT_FILE, RaftStorage.encodeSnapshot(new Snapshot(1, 1, "old".getBytes())));
        RaftStorageException ex = assertThrows(RaftStorageException.class, () -> RaftStorage.load(disk, 4));
        assertTrue(ex.getMessage().contains("raft node 4") && ex.getMessage().contains("offset 0")
                && ex.getMessage().contains("resumes at index 4"), ex.getMessage());
    }

    @Test
    void storedBytesAreCompact() {
        MemStorage disk = new MemStorage();
        RaftStorage rs = RaftStorage.load(disk, 0).storage();
        rs.persist(write(new HardState(3, 1), 0, List.of(new Entry(1, 3, new byte[4])), null));
        assertTrue(disk.sizeBytes(RaftStorage.STATE_FILE) <= 9, "state " + disk.sizeBytes(RaftStorage.STATE_FILE));
        assertTrue(disk.sizeBytes(RaftStorage.LOG_FILE) <= 13, "entry " + disk.sizeBytes(RaftStorage.LOG_FILE));
        assertArrayEquals(new byte[4], reload(disk).entries().get(0).command());
    }
}
