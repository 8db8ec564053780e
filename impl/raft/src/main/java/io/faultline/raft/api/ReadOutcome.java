package io.faultline.raft.api;

/** How a {@link RaftNode#readIndex} request ended. */
public enum ReadOutcome {
    /**
     * This peer confirmed, after the request, that it was still leader (a majority answered a round
     * of its heartbeats), and has applied every entry committed when the request arrived: reading
     * the service's local state now is linearizable.
     */
    READY,
    /** Not leader when asked, leadership lost before confirmation, the confirmation timed out, or killed. */
    NOT_LEADER,
    /**
     * This Raft cannot serve the read without the log right now (no entry of the leader's term is
     * committed yet, so its commit index may lag; or the implementation has no read path): submit the
     * read through the log instead.
     */
    USE_LOG
}
