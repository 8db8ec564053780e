package io.faultline.raft.api;

/** Receives committed commands and installed snapshots, in order, on the node's context. */
@FunctionalInterface
public interface ApplySink {
    void apply(Applied applied);
}
