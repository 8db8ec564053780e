package io.faultline.raft.core;

import io.faultline.core.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory log after the snapshot: entries {@code snapshotIndex+1 .. lastIndex}. Terms of
 * compacted entries are unknown except the snapshot's own. No I/O.
 */
final class RaftLog {
    /** Returned by {@link #termAt} for an index that is compacted away or beyond the end. */
    static final long UNKNOWN_TERM = -1;

    private long snapshotIndex;
    private long snapshotTerm;
    private final ArrayList<Entry> entries = new ArrayList<>();

    RaftLog(long snapshotIndex, long snapshotTerm) {
        Check.that(snapshotIndex >= 0, "snapshotIndex %s < 0", snapshotIndex);
        this.snapshotIndex = snapshotIndex;
        this.snapshotTerm = snapshotTerm;
    }

    long snapshotIndex() {
        return snapshotIndex;
    }

    long snapshotTerm() {
        return snapshotTerm;
    }

    long lastIndex() {
        return snapshotIndex + entries.size();
    }

    long lastTerm() {
        return entries.isEmpty() ? snapshotTerm : entries.get(entries.size() - 1).term();
    }

    /** Term at {@code index}: 0 for index 0, the snapshot's term at its index, else {@link #UNKNOWN_TERM} if not held. */
    long termAt(long index) {
        if (index == snapshotIndex) {
            return snapshotTerm;
        }
        if (index < snapshotIndex || index > lastIndex()) {
            return UNKNOWN_TERM;
        }
        return entries.get((int) (index - snapshotIndex - 1)).term();
    }

    Entry get(long index) {
        Check.that(index > snapshotIndex && index <= lastIndex(), "index %s outside (%s, %s]", index, snapshotIndex,
                lastIndex());
        return entries.get((int) (index - snapshotIndex - 1));
    }

    void append(Entry e) {
        Check.that(e.index() == lastIndex() + 1, "append of %s after last index %s", e, lastIndex());
        Check.that(e.term() >= lastTerm(), "append of %s after last term %s", e, lastTerm());
        entries.add(e);
    }

    /** Removes {@code index} and everything after it. */
    void truncateFrom(long index) {
        Check.that(index > snapshotIndex, "truncate at %s inside the snapshot (%s)", index, snapshotIndex);
        Check.that(index <= lastIndex(), "truncate at %s beyond last index %s", index, lastIndex());
        entries.subList((int) (index - snapshotIndex - 1), entries.size()).clear();
    }

    /** Entries {@code from..} up to {@code entriesMax} entries and (beyond the first) {@code bytesMax} command bytes. */
    List<Entry> slice(long from, long toInclusive, int entriesMax, long bytesMax) {
        Check.that(from > snapshotIndex, "slice from %s inside the snapshot (%s)", from, snapshotIndex);
        long to = Math.min(toInclusive, lastIndex());
        List<Entry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i <= to && out.size() < entriesMax; i++) {
            Entry e = get(i);
            bytes += e.command().length;
            if (!out.isEmpty() && bytes > bytesMax) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /** Drops entries through {@code index}, which becomes the snapshot point; later entries stay. */
    void compactTo(long index, long term) {
        Check.that(index > snapshotIndex, "compact to %s not after snapshot %s", index, snapshotIndex);
        Check.that(index <= lastIndex(), "compact to %s beyond last index %s", index, lastIndex());
        Check.that(termAt(index) == term, "compact to %s@%s but the log has term %s", index, term, termAt(index));
        entries.subList(0, (int) (index - snapshotIndex)).clear();
        snapshotIndex = index;
        snapshotTerm = term;
    }

    /** Discards the whole log: the snapshot at {@code index} is now all there is. */
    void resetTo(long index, long term) {
        Check.that(index > snapshotIndex, "reset to %s not after snapshot %s", index, snapshotIndex);
        entries.clear();
        snapshotIndex = index;
        snapshotTerm = term;
    }

    /**
     * The largest index {@code <= from} whose term is {@code <= term}; never below the snapshot
     * index (entries there are committed, so they match any leader's). Terms never decrease along
     * the log, so this is a binary search.
     */
    long lastIndexWithTermAtMost(long term, long from) {
        long lo = snapshotIndex;
        long hi = Math.min(from, lastIndex());
        if (hi <= lo) {
            return lo;
        }
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (termAt(mid) <= term) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
