package io.faultline.raft.core;

import java.util.List;

/**
 * What a core restarts from: the hard state, the snapshot (or null) and the log entries after it.
 */
public record PersistentState(HardState hardState, Snapshot snapshot, List<Entry> entries) {
    public static final PersistentState EMPTY = new PersistentState(HardState.INITIAL, null, List.of());

    public PersistentState {
        entries = List.copyOf(entries);
    }
}
