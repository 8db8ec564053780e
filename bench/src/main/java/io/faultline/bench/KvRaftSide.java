package io.faultline.bench;

import io.faultline.core.Check;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvCodec;
import io.faultline.kvsrv.KvRequest;
import io.faultline.kvsrv.KvServer;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.cluster.ProcessCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A kvraft group of {@code nodes} processes ({@link ProcessCluster}, {@code --system kvraft}, fsync
 * on) and the bench's pipelined client ({@link KvLoad}, one {@link RpcClient} on 127.0.0.9).
 */
final class KvRaftSide implements Side {
    private final KvRaftBench.Options o;
    private final int nodes;
    private final PrintStream progress;
    private final ProcessCluster cluster;
    private final RpcClient rpc;
    private final String[] keys;
    private final long[] versions;
    private final String value;
    private int leader;

    /** Starts the group and waits until a node answers a Get (the first Get of a new leader goes through the log). */
    KvRaftSide(KvRaftBench.Options o, int nodes, PrintStream progress) {
        this.o = o;
        this.nodes = nodes;
        this.progress = progress;
        Path dir = o.baseDir().resolve("kvraft-" + nodes);
        this.cluster = new ProcessCluster(new ProcessCluster.Options(nodes, dir, o.classpath(), "faultline", 0,
                o.nodeJvmArgs(), Duration.ofSeconds(60), "kvraft",
                o.reads().equals(KvRaftBench.READS_INDEX)
                        ? List.of("--maxraftstate", String.valueOf(o.maxRaftStateBytes()), "--variant", "read-index")
                        : List.of("--maxraftstate", String.valueOf(o.maxRaftStateBytes()))));
        RpcClient client = null;
        try {
            client = RpcClient.open("127.0.0.9");
            progress.println("kvraft: starting " + nodes + " node processes ...");
            cluster.startAll();
            int l = cluster.awaitLeader(Duration.ofSeconds(30));
            Check.that(l >= 0, "kvraft: no leader within 30 s; logs in %s", dir);
            l = awaitServing(client, l, Duration.ofSeconds(30));
            Check.that(l >= 0, "kvraft: no node answered a Get within 30 s; logs in %s", dir);
            this.leader = l;
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            cluster.close();
            throw e;
        }
        this.rpc = client;
        this.keys = new String[o.inFlightMax()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = KvRaftBench.key(i, o.keyBytes());
        }
        this.versions = new long[keys.length];
        this.value = "v".repeat(o.valueBytes());
    }

    @Override
    public void prewarm(int inFlight, double seconds) throws InterruptedException {
        int n = Math.min(inFlight, keys.length);
        progress.printf(Locale.ROOT, "kvraft %d nodes: JIT pre-warm, put then get with %d in flight, %.1f s each ...%n",
                nodes, n, seconds);
        for (boolean put : new boolean[] {true, false}) {
            KvLoad load = new KvLoad(rpc, cluster.peers(), leader, put, n, keys, versions, value);
            load.start();
            Thread.sleep((long) (seconds * 1000));
            load.stop();
            leader = load.leader();
        }
    }

    @Override
    public OpResult measure(boolean put, int inFlight) throws InterruptedException {
        progress.printf(Locale.ROOT, "kvraft %d nodes: %s with %d in flight: warm-up %.1f s, then %.1f s ...%n",
                nodes, put ? "put" : "get", inFlight, o.warmupSeconds(), o.seconds());
        KvLoad load = new KvLoad(rpc, cluster.peers(), leader, put, inFlight, keys, versions, value);
        load.start();
        Thread.sleep((long) (o.warmupSeconds() * 1000));
        load.measuring(true);
        long t0 = System.nanoTime();
        Thread.sleep((long) (o.seconds() * 1000));
        load.measuring(false);
        double secs = (System.nanoTime() - t0) / 1e9;
        load.stop();
        leader = load.leader();
        return load.result(nodes, secs);
    }

    @Override
    public void close() {
        try {
            rpc.close();
        } finally {
            cluster.close();
        }
    }

    /**
     * The first node, starting at {@code guess}, that answers a Get through the log (a start-up
     * leader may be superseded right after it reports itself), or -1 after {@code timeout}.
     */
    private int awaitServing(RpcClient client, int guess, Duration timeout) {
        byte[] probe = KvCodec.encode(new KvRequest.Get("faultline-bench-probe"));
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = Math.max(0, guess); System.nanoTime() < deadline; i = (i + 1) % cluster.size()) {
            byte[] reply = client.call(cluster.peers().get(i), KvServer.SERVICE, probe, KvLoad.CALL_TIMEOUT);
            Err err = reply == null ? null : KvCodec.decodeReply(reply).err();
            if (err == Err.OK || err == Err.ErrNoKey) {
                return i;
            }
        }
        return -1;
    }
}
