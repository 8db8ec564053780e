package io.faultline.labs.raft;

/**
 * A Raft cluster under test: what the lab scenarios need from a runtime. The simulator implements
 * it in-process ({@code io.faultline.labs.sim.SimRaftCluster}); a real runtime implements the same
 * calls against node processes (see the module README). Applies are reported into
 * {@link #applyLogs()} by an {@link Applier} per incarnation.
 */
public interface RaftCluster extends RaftPeers, ClusterFaults, NetworkModes, ClusterMeters {
    /** What each server applied, fed by the appliers. */
    ApplyLogs applyLogs();

    /**
     * Asks the runtime to report every leadership claim it can see, for example after each
     * callback into a node, so Election Safety is checked continuously and not only when the
     * tester polls. Optional: a runtime that cannot do this keeps the default, and the tester
     * still checks every claim it polls.
     */
    default void watchLeaders(LeaderWatcher watcher) {}
}
