package io.faultline.labs.raft;

import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;

/** The peers of a Raft cluster under test, as the tester calls them. */
public interface RaftPeers {
    /** Number of peers, ids 0..size-1. */
    int size();

    /** True if peer {@code i} is running (not crashed). */
    boolean isUp(int i);

    /** {@code Start(command)} on peer {@code i}; null if it is crashed. */
    StartResult start(int i, byte[] command);

    /** {@code GetState()} and more on peer {@code i}; null if it is crashed. */
    RaftStatus status(int i);
}
