package io.faultline.vertx.labs;

import io.faultline.labs.raft.Applier;
import io.faultline.labs.raft.ApplyLogs;
import io.faultline.labs.raft.RaftCluster;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;
import io.faultline.vertx.NodeConfig;
import io.faultline.vertx.VertxNode;
import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.net.NetworkConditions;
import io.faultline.vertx.net.TransportConfig;
import io.faultline.vertx.net.TransportFilter;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@link RaftCluster} on the real runtime: in-process Vert.x nodes on loopback TCP (node i on
 * 127.0.0.(10+i)), real time, files on disk with fsync. A crash stops the node's verticle (its
 * connections close, in-flight calls to it fail, its files keep what it wrote); a restart builds a
 * new node from those files. Connectivity is the transport filter of each node, kept to Go's rule:
 * i and j talk iff both are connected.
 */
final class VertxRaftCluster implements RaftCluster, AutoCloseable {
    private record Peer(RaftNode node, Applier applier) {}

    private static final long CALL_SECONDS_MAX = 30;

    private final Vertx vertx;
    private final List<Endpoint> peers;
    private final Path dir;
    private final RaftFactory factory;
    private final RaftConfig config;
    private final boolean snapshotMode;
    private final long seed;
    private final ApplyLogs logs;
    private final NetworkConditions conditions = new NetworkConditions();
    private final TransportFilter[] filters;
    private final boolean[] connected;
    @SuppressWarnings("unchecked")
    private final VertxNode<Peer>[] nodes;
    private final long[] persistedBytesAtCrash;
    private final long[] servedBefore;
    private long callsBefore;
    private long bytesBefore;

    @SuppressWarnings("unchecked")
    VertxRaftCluster(Vertx vertx, List<Endpoint> peers, Path dir, RaftFactory factory, boolean snapshotMode, long seed) {
        this.vertx = vertx;
        this.peers = List.copyOf(peers);
        this.dir = dir;
        this.factory = factory;
        this.config = RaftConfig.defaults(peers.size());
        this.snapshotMode = snapshotMode;
        this.seed = seed;
        int n = peers.size();
        this.logs = new ApplyLogs(n);
        this.filters = new TransportFilter[n];
        this.connected = new boolean[n];
        this.nodes = new VertxNode[n];
        this.persistedBytesAtCrash = new long[n];
        this.servedBefore = new long[n];
        for (int i = 0; i < n; i++) {
            filters[i] = new TransportFilter();
        }
    }

    /** Go {@code StartServers}: start and connect every server. */
    synchronized void startServers() {
        for (int i = 0; i < size(); i++) {
            restart(i);
        }
        for (int i = 0; i < size(); i++) {
            connect(i);
        }
    }

    @Override
    public int size() {
        return peers.size();
    }

    @Override
    public synchronized boolean isUp(int i) {
        return nodes[i] != null;
    }

    @Override
    public StartResult start(int i, byte[] command) {
        VertxNode<Peer> n = node(i);
        return n == null ? null : join(n.onContext(() -> n.system().node().start(command)));
    }

    @Override
    public RaftStatus status(int i) {
        VertxNode<Peer> n = node(i);
        return n == null ? null : join(n.onContext(() -> n.system().node().status()));
    }

    @Override
    public synchronized void crash(int i) {
        disconnect(i);
        VertxNode<Peer> n = nodes[i];
        if (n == null) {
            return;
        }
        nodes[i] = null;
        persistedBytesAtCrash[i] = join(n.onContext(() -> n.system().node().persistedStateBytes()));
        servedBefore[i] += n.runtime().tcpTransport().requestsServed();
        callsBefore += n.runtime().tcpTransport().callsMade();
        bytesBefore += n.runtime().tcpTransport().bytesMoved();
        join(n.stop(p -> {
            p.applier().stop();
            p.node().kill();
        }));
    }

    @Override
    public synchronized void restart(int i) {
        if (nodes[i] != null) {
            crash(i);
        }
        connected[i] = false;
        refreshFilters();
        NodeConfig cfg = new NodeConfig(i, peers, dir.resolve("server-" + i), seed + i, TransportConfig.defaults());
        nodes[i] = join(VertxNode.start(vertx, cfg, filters[i], conditions, rt -> {
            Applier applier = new Applier(logs, i, snapshotMode);
            RaftNode node = factory.create(rt, config, applier);
            applier.attach(node);
            return new Peer(node, applier);
        }, t -> logs.reportError("server " + i + " failed: " + t)).toCompletionStage().toCompletableFuture());
    }

    @Override
    public synchronized void connect(int i) {
        connected[i] = true;
        refreshFilters();
    }

    @Override
    public synchronized void disconnect(int i) {
        connected[i] = false;
        refreshFilters();
    }

    @Override
    public synchronized boolean isConnected(int i) {
        return connected[i];
    }

    @Override
    public void setReliable(boolean reliable) {
        conditions.setReliable(reliable);
    }

    @Override
    public boolean isReliable() {
        return conditions.reliable();
    }

    @Override
    public void setLongReordering(boolean longReordering) {
        conditions.setLongReordering(longReordering);
    }

    @Override
    public synchronized long rpcCount(int i) {
        return servedBefore[i] + (nodes[i] == null ? 0 : nodes[i].runtime().tcpTransport().requestsServed());
    }

    @Override
    public synchronized long rpcTotal() {
        long total = callsBefore;
        for (VertxNode<Peer> n : nodes) {
            total += n == null ? 0 : n.runtime().tcpTransport().callsMade();
        }
        return total;
    }

    @Override
    public synchronized long bytesTotal() {
        long total = bytesBefore;
        for (VertxNode<Peer> n : nodes) {
            total += n == null ? 0 : n.runtime().tcpTransport().bytesMoved();
        }
        return total;
    }

    @Override
    public long logSizeBytes() {
        long max = 0;
        for (int i = 0; i < size(); i++) {
            VertxNode<Peer> n = node(i);
            long bytes;
            if (n != null) {
                bytes = join(n.onContext(() -> n.system().node().persistedStateBytes()));
            } else {
                synchronized (this) {
                    bytes = persistedBytesAtCrash[i];
                }
            }
            max = Math.max(max, bytes);
        }
        return max;
    }

    @Override
    public ApplyLogs applyLogs() {
        return logs;
    }

    /** Stops every node. */
    @Override
    public synchronized void close() {
        for (int i = 0; i < size(); i++) {
            if (nodes[i] != null) {
                crash(i);
            }
        }
    }

    private synchronized VertxNode<Peer> node(int i) {
        return nodes[i];
    }

    private void refreshFilters() {
        for (int j = 0; j < size(); j++) {
            Set<Integer> drop = new TreeSet<>();
            for (int k = 0; k < size(); k++) {
                if (k != j && !(connected[j] && connected[k])) {
                    drop.add(k);
                }
            }
            filters[j].dropPeers(drop);
        }
    }

    /** Node i on 127.0.0.(10+i), on a port free at the time of the call. */
    static List<Endpoint> endpoints(int n) {
        List<Endpoint> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String host = Endpoint.nodeHost(i);
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
                out.add(new Endpoint(host, s.getLocalPort()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(CALL_SECONDS_MAX, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("a node did not answer within " + CALL_SECONDS_MAX + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
