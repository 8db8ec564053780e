package io.faultline.raft.api;

/**
 * What the upper layers (rsm, kvraft, shardkv, the lab suite) see of a Raft peer. Any Raft
 * implementation can be put behind this interface and qualified by the same suite
 * ({@code faultline lab raft --raft NAME}).
 *
 * <p>All methods are called on the node's runtime context (see
 * {@link io.faultline.core.runtime.Runtime}); committed entries and installed snapshots are
 * delivered, in order, to the {@link ApplySink} given at creation, also on that context.
 */
public interface RaftNode {
    /**
     * Proposes {@code command}. Returns at once; if this peer is leader, {@code index} is where the
     * entry will be if it is ever committed. Must not fail after {@link #kill}.
     */
    StartResult start(byte[] command);

    /**
     * A linearizable read without a log entry (ReadIndex, Raft thesis §6.4): calls back with
     * {@link ReadOutcome#READY} once the service's local state may be read, {@link ReadOutcome#NOT_LEADER}
     * if this peer cannot confirm its leadership, or {@link ReadOutcome#USE_LOG} if the read must go
     * through the log. May call back before returning. The default has no read path: always
     * {@code USE_LOG}, so a Raft without it stays correct behind this interface.
     */
    default void readIndex(ReadIndexCallback callback) {
        callback.done(ReadOutcome.USE_LOG);
    }

    /** Current term and whether this peer believes it is leader, plus progress for status pages. */
    RaftStatus status();

    /**
     * The service has a snapshot of everything up to and including {@code index}; Raft may discard
     * its log through that index. May be called from inside {@link ApplySink#apply}.
     */
    void snapshot(long index, byte[] snapshot);

    /** Bytes of persisted Raft state (term, vote, log), not counting the snapshot. */
    long persistedStateBytes();

    /** Stops this peer: no more sends, timers or applies. Idempotent. */
    void kill();
}
