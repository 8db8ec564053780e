package io.faultline.raft.core;

/** What Raft must persist before answering anyone: the current term and the vote cast in it. */
public record HardState(long term, int votedFor) {
    public static final int NO_VOTE = -1;
    public static final HardState INITIAL = new HardState(0, NO_VOTE);
}
