package io.faultline.raft.core;

/** The leader's view of one follower (etcd-io/raft style flow control). */
final class Progress {
    enum State {
        /** Match unknown: at most one AppendEntries in flight, next not advanced optimistically. */
        PROBE,
        /** Follower is caught up to match: pipelined appends, next advanced on send. */
        REPLICATE,
        /** An InstallSnapshot is in flight. */
        SNAPSHOT
    }

    long match;
    long next;
    State state = State.PROBE;
    /** AppendEntries/InstallSnapshot requests outstanding (heartbeats are not counted). */
    int inflight;
    /** Calls to this follower that failed since its last reply (any kind). */
    int failuresInARow;

    Progress(long next) {
        this.next = next;
    }

    void becomeProbe() {
        state = State.PROBE;
        next = match + 1;
    }

    void becomeReplicate() {
        state = State.REPLICATE;
        next = Math.max(next, match + 1);
    }

    @Override
    public String toString() {
        return state + "(match=" + match + ", next=" + next + ", inflight=" + inflight + ", failures="
                + failuresInARow + ")";
    }
}
