package io.faultline.raft.api;

/** The answer to {@link RaftNode#start}: where the command would commit, and in which term. */
public record StartResult(long index, long term, boolean isLeader) {
    public static StartResult notLeader(long term) {
        return new StartResult(-1, term, false);
    }
}
