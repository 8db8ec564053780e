package io.faultline.raft.api;

/**
 * Receives committed commands and installed snapshots, in order, on the node's context.
 *
 * <p>After a restart from storage that holds a snapshot, the first thing delivered is that
 * snapshot; commands at or below a delivered snapshot's index are never delivered again. The sink
 * may call back into its {@link RaftNode} from inside {@code apply} (e.g. {@link RaftNode#snapshot}).
 */
@FunctionalInterface
public interface ApplySink {
    void apply(Applied applied);
}
