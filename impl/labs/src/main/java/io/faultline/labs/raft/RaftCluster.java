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
}
