package io.faultline.raft.storage;

import io.faultline.core.Check;
import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.core.codec.CodecException;
import io.faultline.core.codec.Records;
import io.faultline.core.runtime.Storage;
import io.faultline.raft.core.Entry;
import io.faultline.raft.core.HardState;
import io.faultline.raft.core.PersistentState;
import io.faultline.raft.core.Ready;
import io.faultline.raft.core.Snapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Raft's files on the {@link Storage} SPI:
 * <ul>
 *   <li>{@value #STATE_FILE}: one record {@code [version=1][varint term][zigzag varint votedFor]}, replaced atomically;</li>
 *   <li>{@value #LOG_FILE}: appended records {@code [varint index][varint term][varint length][command]}, cut at
 *       the suffix on conflict and rewritten (atomically) without the compacted prefix once the snapshot that
 *       covers it is durable;</li>
 *   <li>{@value #SNAPSHOT_FILE}: one record {@code [version=1][varint index][varint term][varint length][data]},
 *       replaced atomically.</li>
 * </ul>
 * Every record is {@link Records}-framed (length, CRC32C). On load a torn record at the log's tail
 * is cut off; any other damage raises {@link RaftStorageException} naming node, file and offset.
 */
public final class RaftStorage {
    public static final String STATE_FILE = "raft-state";
    public static final String LOG_FILE = "raft-log";
    public static final String SNAPSHOT_FILE = "raft-snapshot";
    private static final int FORMAT_VERSION = 1;

    private final Storage storage;
    private final int nodeId;
    private long snapshotIndex;
    /** Index of the first record in the log file; meaningful when {@code storedCount > 0}. */
    private long firstStoredIndex;
    private long[] offsets = new long[64];
    private int storedCount;
    private long logSizeBytes;
    private boolean compactPending;

    private RaftStorage(Storage storage, int nodeId) {
        this.storage = storage;
        this.nodeId = nodeId;
    }

    /** Reads (and repairs a torn log tail of) what a previous incarnation stored. */
    public static Loaded load(Storage storage, int nodeId) {
        RaftStorage rs = new RaftStorage(Check.notNull(storage, "storage"), nodeId);
        HardState hs = rs.readState();
        Snapshot snap = rs.readSnapshot();
        rs.snapshotIndex = snap == null ? 0 : snap.index();
        List<Entry> stored = rs.readLog();
        List<Entry> kept = new ArrayList<>();
        for (Entry e : stored) {
            if (e.index() > rs.snapshotIndex) {
                kept.add(e);
            }
        }
        if (!kept.isEmpty()) {
            long at = rs.offsets[(int) (kept.get(0).index() - rs.firstStoredIndex)];
            if (kept.get(0).index() != rs.snapshotIndex + 1) {
                throw rs.corrupt(LOG_FILE, at, "log resumes at index " + kept.get(0).index()
                        + " but the snapshot ends at " + rs.snapshotIndex);
            }
            if (snap != null && kept.get(0).term() < snap.term()) {
                throw rs.corrupt(LOG_FILE, at, "entry " + kept.get(0) + " has a term below the snapshot's "
                        + snap.term());
            }
        }
        rs.compactPending = rs.storedCount > 0 && rs.firstStoredIndex <= rs.snapshotIndex;
        return new Loaded(rs, new PersistentState(hs, snap, kept));
    }

    /** A loaded store and the state it held. */
    public record Loaded(RaftStorage storage, PersistentState state) {}

    /** Writes what {@code rd} asks to persist, in a crash-safe order. The caller then syncs. */
    public void persist(Ready rd) {
        if (rd.snapshotToSave() != null) {
            Snapshot s = rd.snapshotToSave();
            Check.that(s.index() > snapshotIndex, "snapshot %s not after stored snapshot %s", s.index(), snapshotIndex);
            storage.write(SNAPSHOT_FILE, encodeSnapshot(s));
            snapshotIndex = s.index();
            compactPending = true;
        }
        if (rd.truncateFrom() > 0) {
            truncateFrom(rd.truncateFrom());
        }
        if (!rd.entries().isEmpty()) {
            append(rd.entries());
        }
        if (rd.hardState() != null) {
            storage.write(STATE_FILE, encodeState(rd.hardState()));
        }
    }

    /**
     * After a sync: drops the log prefix covered by the (now durable) snapshot, by an atomic rewrite.
     * Deferred until then so a crash can never leave entries neither in the log nor in a snapshot.
     */
    public void afterSync() {
        if (!compactPending) {
            return;
        }
        compactPending = false;
        if (storedCount == 0 || firstStoredIndex > snapshotIndex) {
            return;
        }
        long lastStored = firstStoredIndex + storedCount - 1;
        if (lastStored <= snapshotIndex) {
            storage.write(LOG_FILE, new byte[0]);
            storedCount = 0;
            logSizeBytes = 0;
            return;
        }
        int keepFrom = (int) (snapshotIndex + 1 - firstStoredIndex);
        long cut = offsets[keepFrom];
        byte[] bytes = storage.read(LOG_FILE);
        Check.that(bytes != null && bytes.length == logSizeBytes, "node %s: %s is %s bytes, expected %s", nodeId,
                LOG_FILE, bytes == null ? -1 : bytes.length, logSizeBytes);
        storage.write(LOG_FILE, Arrays.copyOfRange(bytes, (int) cut, bytes.length));
        int remaining = storedCount - keepFrom;
        for (int i = 0; i < remaining; i++) {
            offsets[i] = offsets[keepFrom + i] - cut;
        }
        storedCount = remaining;
        firstStoredIndex = snapshotIndex + 1;
        logSizeBytes -= cut;
    }

    /** Bytes of the state and log files (not the snapshot). */
    public long persistedStateBytes() {
        return storage.sizeBytes(STATE_FILE) + storage.sizeBytes(LOG_FILE);
    }

    private void truncateFrom(long index) {
        if (storedCount == 0 || index > firstStoredIndex + storedCount - 1) {
            return;
        }
        if (index <= firstStoredIndex) {
            storage.truncate(LOG_FILE, 0);
            storedCount = 0;
            logSizeBytes = 0;
            return;
        }
        int keep = (int) (index - firstStoredIndex);
        logSizeBytes = offsets[keep];
        storage.truncate(LOG_FILE, logSizeBytes);
        storedCount = keep;
    }

    private void append(List<Entry> entries) {
        long first = entries.get(0).index();
        if (storedCount > 0 && first != firstStoredIndex + storedCount) {
            // Only possible when a snapshot (already written above) covers the gap: start afresh.
            Check.that(first == snapshotIndex + 1 && first > firstStoredIndex + storedCount,
                    "node %s: appending index %s after stored %s (snapshot %s)", nodeId, first,
                    firstStoredIndex + storedCount - 1, snapshotIndex);
            storage.truncate(LOG_FILE, 0);
            storedCount = 0;
            logSizeBytes = 0;
        }
        if (storedCount == 0) {
            firstStoredIndex = first;
        }
        ByteWriter w = new ByteWriter(64 * entries.size());
        ByteWriter payload = new ByteWriter(64);
        for (Entry e : entries) {
            Check.that(e.index() == firstStoredIndex + storedCount, "non-contiguous append of %s", e);
            payload.reset();
            payload.writeVarLong(e.index()).writeVarLong(e.term()).writeBytes(e.command());
            addOffset(logSizeBytes + w.sizeBytes());
            Records.write(w, payload.toByteArray());
        }
        storage.append(LOG_FILE, w.toByteArray());
        logSizeBytes += w.sizeBytes();
    }

    private void addOffset(long offset) {
        if (storedCount == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[storedCount++] = offset;
    }

    // ---------------------------------------------------------------- reading

    private HardState readState() {
        byte[] bytes = storage.read(STATE_FILE);
        if (bytes == null) {
            return HardState.INITIAL;
        }
        try {
            ByteReader r = new ByteReader(Records.decodeWhole(bytes, STATE_FILE));
            int version = r.readByte();
            if (version != FORMAT_VERSION) {
                throw corrupt(STATE_FILE, 0, "unknown format version " + version);
            }
            long term = r.readVarLong();
            long vote = r.readSignedVarLong();
            r.expectEnd();
            if (term < 0 || vote < -1 || vote > Integer.MAX_VALUE) {
                throw corrupt(STATE_FILE, 0, "bad term " + term + " or vote " + vote);
            }
            return new HardState(term, (int) vote);
        } catch (CodecException e) {
            throw corrupt(STATE_FILE, 0, e.getMessage());
        }
    }

    private Snapshot readSnapshot() {
        byte[] bytes = storage.read(SNAPSHOT_FILE);
        if (bytes == null) {
            return null;
        }
        try {
            ByteReader r = new ByteReader(Records.decodeWhole(bytes, SNAPSHOT_FILE));
            int version = r.readByte();
            if (version != FORMAT_VERSION) {
                throw corrupt(SNAPSHOT_FILE, 0, "unknown format version " + version);
            }
            long index = r.readVarLong();
            long term = r.readVarLong();
            byte[] data = r.readBytes();
            r.expectEnd();
            if (index < 1 || term < 1) {
                throw corrupt(SNAPSHOT_FILE, 0, "bad snapshot index " + index + " or term " + term);
            }
            return new Snapshot(index, term, data);
        } catch (CodecException e) {
            throw corrupt(SNAPSHOT_FILE, 0, e.getMessage());
        }
    }

    private List<Entry> readLog() {
        byte[] bytes = storage.read(LOG_FILE);
        List<Entry> entries = new ArrayList<>();
        if (bytes == null) {
            return entries;
        }
        int pos = 0;
        while (pos < bytes.length) {
            Records.ReadResult result = Records.read(bytes, pos, bytes.length);
            if (result instanceof Records.Torn t) {
                Entry lastGood = entries.isEmpty() ? null : entries.get(entries.size() - 1);
                int later = firstContinuationAfter(bytes, pos, lastGood);
                if (later >= 0) {
                    throw corrupt(LOG_FILE, pos, t.reason() + ", yet a valid record follows at offset " + later);
                }
                storage.truncate(LOG_FILE, pos); // a write cut short by a crash: never acknowledged
                break;
            }
            if (result instanceof Records.Corrupt c) {
                throw corrupt(LOG_FILE, pos, c.reason());
            }
            Records.Ok ok = (Records.Ok) result;
            Entry e = decodeEntry(ok.payload(), pos);
            if (!entries.isEmpty()) {
                Entry prev = entries.get(entries.size() - 1);
                if (e.index() != prev.index() + 1 || e.term() < prev.term()) {
                    throw corrupt(LOG_FILE, pos, "entry " + e + " cannot follow " + prev);
                }
            } else {
                firstStoredIndex = e.index();
            }
            addOffset(pos);
            entries.add(e);
            pos = ok.nextOffset();
        }
        logSizeBytes = pos;
        return entries;
    }

    /**
     * A record that runs past the end of the file is a torn append only if nothing valid follows it;
     * otherwise its length field is damaged, and cutting there would drop good records.
     */
    private static int firstContinuationAfter(byte[] bytes, int tornAt, Entry last) {
        for (int p = tornAt + 1; p < bytes.length; p++) {
            if (Records.read(bytes, p, bytes.length) instanceof Records.Ok ok && continuesLog(ok.payload(), last)) {
                return p;
            }
        }
        return -1;
    }

    /** True if {@code payload} is an entry that could follow {@code last} (not just bytes inside a command). */
    private static boolean continuesLog(byte[] payload, Entry last) {
        try {
            ByteReader r = new ByteReader(payload);
            long index = r.readVarLong();
            long term = r.readVarLong();
            r.readBytes();
            r.expectEnd();
            return last == null ? index >= 1 && term >= 1 : index > last.index() + 1 && term >= last.term();
        } catch (CodecException e) {
            return false;
        }
    }

    private Entry decodeEntry(byte[] payload, int offset) {
        try {
            ByteReader r = new ByteReader(payload);
            long index = r.readVarLong();
            long term = r.readVarLong();
            byte[] command = r.readBytes();
            r.expectEnd();
            if (index < 1 || term < 1) {
                throw corrupt(LOG_FILE, offset, "bad entry index " + index + " or term " + term);
            }
            return new Entry(index, term, command);
        } catch (CodecException e) {
            throw corrupt(LOG_FILE, offset, e.getMessage());
        }
    }

    private RaftStorageException corrupt(String file, long offset, String reason) {
        return new RaftStorageException("raft node " + nodeId + ": " + file + " is corrupt at offset " + offset
                + ": " + reason);
    }

    // ---------------------------------------------------------------- encoding

    static byte[] encodeState(HardState hs) {
        ByteWriter w = new ByteWriter(16);
        w.writeByte(FORMAT_VERSION).writeVarLong(hs.term()).writeSignedVarLong(hs.votedFor());
        return Records.encode(w.toByteArray());
    }

    static byte[] encodeSnapshot(Snapshot s) {
        ByteWriter w = new ByteWriter(s.data().length + 16);
        w.writeByte(FORMAT_VERSION).writeVarLong(s.index()).writeVarLong(s.term()).writeBytes(s.data());
        return Records.encode(w.toByteArray());
    }
}
