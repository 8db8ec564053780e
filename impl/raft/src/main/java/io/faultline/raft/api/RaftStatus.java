package io.faultline.raft.api;

/** A peer's view of itself, as reported to harnesses and the admin endpoint. */
public record RaftStatus(long term, Role role, long commitIndex, long lastApplied, int leaderHint) {
    /** Raft roles; {@code DEAD} after {@link RaftNode#kill}. */
    public enum Role { FOLLOWER, CANDIDATE, LEADER, DEAD }

    public boolean isLeader() {
        return role == Role.LEADER;
    }
}
