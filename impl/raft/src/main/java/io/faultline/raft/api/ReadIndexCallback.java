package io.faultline.raft.api;

/** Receives the outcome of one {@link RaftNode#readIndex} request, once, on the node's context. */
@FunctionalInterface
public interface ReadIndexCallback {
    void done(ReadOutcome outcome);
}
