package io.faultline.raft.core;

import java.util.List;

/**
 * Everything the core wants done, in the order the driver must do it: persist ({@code snapshotToSave},
 * then {@code truncateFrom}, then {@code entries}, then {@code hardState}), make it durable, then send
 * {@code messages}, then apply ({@code snapshotToApply}, then {@code committedEntries}), then
 * {@link RaftCore#advance}.
 *
 * @param hardState        to persist, or null if unchanged
 * @param truncateFrom     if > 0: remove stored entries with index >= this before appending
 * @param entries          to append to stored log
 * @param snapshotToSave   to persist, or null
 * @param messages         to send after persisting
 * @param snapshotToApply  to hand to the service before the committed entries, or null
 * @param committedEntries to hand to the service, in order
 * @param sequence         1, 2, 3 ... (checked by advance)
 */
public record Ready(HardState hardState, long truncateFrom, List<Entry> entries, Snapshot snapshotToSave,
        List<Outgoing> messages, Snapshot snapshotToApply, List<Entry> committedEntries, long sequence) {

    /** True if something must be written and synced before the messages may go out. */
    public boolean mustPersist() {
        return hardState != null || truncateFrom > 0 || !entries.isEmpty() || snapshotToSave != null;
    }
}
