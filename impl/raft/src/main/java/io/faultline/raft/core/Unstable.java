package io.faultline.raft.core;

import io.faultline.core.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * What the core has produced but not yet handed out in a {@link Ready} (etcd-io/raft's "unstable"
 * part): messages, the log suffix not yet given to storage, pending truncation and snapshots, and
 * the one Ready in flight.
 */
final class Unstable {
    /** Most messages queued between two Readies (each Ready drains them all). */
    static final int MESSAGES_MAX = 1 << 20;
    private final List<Outgoing> messages = new ArrayList<>();
    private HardState handedOutHardState;
    /** First log index not yet handed to storage. */
    private long unstableFrom;
    private long pendingTruncateFrom;
    private Snapshot pendingSnapshotSave;
    private Snapshot pendingSnapshotApply;
    private Ready inFlight;
    private long readySequence;

    Unstable(HardState stored, long lastStoredIndex, Snapshot restored) {
        this.handedOutHardState = stored;
        this.unstableFrom = lastStoredIndex + 1;
        this.pendingSnapshotApply = restored; // the service restores it first
    }

    void send(Outgoing out) {
        Check.that(messages.size() < MESSAGES_MAX, "more than %s messages queued", MESSAGES_MAX);
        messages.add(out);
    }

    long unstableFrom() {
        return unstableFrom;
    }

    /** The in-memory log lost {@code index} and everything after it. */
    void truncatedFrom(long index) {
        if (index < unstableFrom) {
            unstableFrom = index;
            pendingTruncateFrom = pendingTruncateFrom == 0 ? index : Math.min(pendingTruncateFrom, index);
        }
    }

    /** The log was compacted through {@code index}; entries at or below it need not be stored. */
    void compactedTo(long index) {
        unstableFrom = Math.max(unstableFrom, index + 1);
    }

    /** The whole log was replaced by a snapshot at {@code index}: stored entries must all go. */
    void resetTo(long index) {
        pendingTruncateFrom = 1;
        unstableFrom = index + 1;
    }

    void saveSnapshot(Snapshot s) {
        pendingSnapshotSave = s;
    }

    void applySnapshot(Snapshot s) {
        pendingSnapshotApply = s;
    }

    boolean inFlight() {
        return inFlight != null;
    }

    boolean hasOutput(HardState current, long lastIndex) {
        return !messages.isEmpty() || !current.equals(handedOutHardState) || unstableFrom <= lastIndex
                || pendingTruncateFrom > 0 || pendingSnapshotSave != null || pendingSnapshotApply != null;
    }

    /**
     * Builds the next Ready and marks everything in it handed out. {@code persistedHardState} is what
     * storage should get (it may differ from {@code current} in a planted-bug variant).
     */
    Ready take(HardState current, HardState persistedHardState, RaftLog log, List<Entry> toApply) {
        Check.that(inFlight == null, "ready() while Ready %s is not advanced", readySequence);
        HardState toPersist = current.equals(handedOutHardState) ? null : persistedHardState;
        List<Entry> toAppend = unstableFrom <= log.lastIndex()
                ? log.slice(unstableFrom, log.lastIndex(), Integer.MAX_VALUE, Long.MAX_VALUE) : List.of();
        Ready rd = new Ready(toPersist, pendingTruncateFrom, toAppend, pendingSnapshotSave, List.copyOf(messages),
                pendingSnapshotApply, toApply, ++readySequence);
        handedOutHardState = current;
        unstableFrom = log.lastIndex() + 1;
        pendingTruncateFrom = 0;
        pendingSnapshotSave = null;
        pendingSnapshotApply = null;
        messages.clear();
        inFlight = rd;
        return rd;
    }

    void advance(Ready rd) {
        Check.that(inFlight != null, "advance(%s) with no Ready in flight", rd.sequence());
        Check.that(inFlight.sequence() == rd.sequence(), "advance(%s) but Ready %s is in flight", rd.sequence(),
                inFlight.sequence());
        inFlight = null;
    }

    String describe() {
        return inFlight != null ? " readyInFlight=" + inFlight.sequence() : "";
    }
}
