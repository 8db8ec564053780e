package io.faultline.labs.sim;

import io.faultline.labs.raft.Applier;
import io.faultline.labs.raft.ApplyLogs;
import io.faultline.labs.raft.LeaderWatcher;
import io.faultline.labs.raft.RaftCluster;
import io.faultline.core.runtime.Runtime;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;
import io.faultline.sim.Group;
import io.faultline.sim.Simulation;

/**
 * {@link RaftCluster} on the simulator: a {@link Group} of peers built by a {@link RaftFactory},
 * each incarnation with its own {@link Applier}. Test tasks call the nodes directly (nothing else
 * runs meanwhile); applies arrive on the nodes' contexts.
 */
public final class SimRaftCluster implements RaftCluster {
    /** One incarnation of one server: the Raft node and the harness's applier for it. */
    private record Peer(RaftNode node, Applier applier) {}

    private final Simulation sim;
    private final Group<Peer> group;
    private final ApplyLogs logs;
    /** Persisted Raft state size of each server when it last crashed (for LogSize while down). */
    private final long[] persistedBytesAtCrash;
    /** Told of every leadership claim, checked after each callback into a node; null until watched. */
    private LeaderWatcher leaderWatcher;

    public SimRaftCluster(Simulation sim, int servers, boolean snapshotMode, RaftFactory factory) {
        this.sim = sim;
        this.logs = new ApplyLogs(servers);
        this.persistedBytesAtCrash = new long[servers];
        RaftConfig config = RaftConfig.defaults(servers);
        this.group = sim.makeGroup(0, servers, runtime -> {
            RaftNode[] self = new RaftNode[1];
            Runtime watched = new WatchedRuntime(runtime, () -> watchLeader(runtime.nodeId(), self[0]));
            Applier applier = new Applier(logs, runtime.nodeId(), snapshotMode);
            RaftNode node = factory.create(watched, config, applier);
            self[0] = node;
            applier.attach(node);
            return new Peer(node, applier);
        }, peer -> {
            peer.applier().stop();
            peer.node().kill();
        });
    }

    @Override
    public void watchLeaders(LeaderWatcher watcher) {
        this.leaderWatcher = watcher;
    }

    private void watchLeader(int server, RaftNode node) {
        LeaderWatcher w = leaderWatcher;
        if (w == null || node == null) {
            return;
        }
        RaftStatus s = node.status();
        if (s.isLeader()) {
            w.claim(server, s.term());
        }
    }

    /** Go {@code StartServers}: start every server and connect them all (before or during a run). */
    public void startServers() {
        group.startServers();
    }

    public Simulation simulation() {
        return sim;
    }

    @Override
    public int size() {
        return group.size();
    }

    @Override
    public boolean isUp(int i) {
        return group.isAlive(i);
    }

    @Override
    public StartResult start(int i, byte[] command) {
        Peer p = group.node(i);
        return p == null ? null : p.node().start(command);
    }

    @Override
    public RaftStatus status(int i) {
        Peer p = group.node(i);
        return p == null ? null : p.node().status();
    }

    @Override
    public void crash(int i) {
        Peer p = group.node(i);
        if (p != null) {
            persistedBytesAtCrash[i] = p.node().persistedStateBytes();
        }
        group.crash(i);
    }

    @Override
    public void restart(int i) {
        group.startServer(i);
    }

    @Override
    public void connect(int i) {
        group.connectOne(i);
    }

    @Override
    public void disconnect(int i) {
        group.disconnectAll(i);
    }

    @Override
    public boolean isConnected(int i) {
        return group.isConnected(i);
    }

    @Override
    public void setReliable(boolean reliable) {
        sim.network().setReliable(reliable);
    }

    @Override
    public boolean isReliable() {
        return sim.network().isReliable();
    }

    @Override
    public void setLongReordering(boolean longReordering) {
        sim.network().setLongReordering(longReordering);
    }

    @Override
    public long rpcCount(int i) {
        return group.rpcCount(i);
    }

    @Override
    public long rpcTotal() {
        return sim.network().rpcTotal();
    }

    @Override
    public long bytesTotal() {
        return sim.network().bytesTotal();
    }

    @Override
    public long logSizeBytes() {
        long max = 0;
        for (int i = 0; i < group.size(); i++) {
            Peer p = group.node(i);
            max = Math.max(max, p != null ? p.node().persistedStateBytes() : persistedBytesAtCrash[i]);
        }
        return max;
    }

    @Override
    public ApplyLogs applyLogs() {
        return logs;
    }
}
