package io.faultline.bench;

import io.faultline.core.Check;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvCodec;
import io.faultline.kvsrv.KvRequest;
import io.faultline.kvsrv.KvServer;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.bench.FsyncFloor;
import io.faultline.vertx.cluster.ProcessCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code faultline bench kvraft}: kvraft groups of 3 and 5 node processes on loopback (fsync on),
 * Puts then linearizable Gets with 1, 32 and 256 in flight, next to etcd (3 members on loopback,
 * default durability, driven through jetcd) with the same key and value sizes and in-flight
 * settings, measured in the same run: kvraft with the first group size, then etcd, then the other
 * group sizes. Every process is started here and killed at the end, also on failure.
 */
public final class KvRaftBench {
    /** Members of the etcd cluster. */
    public static final int ETCD_MEMBERS = 3;
    /** In-flight depth of the unmeasured pre-warm before the first setting (both systems: the JITs of the nodes and clients). */
    public static final int PREWARM_IN_FLIGHT = 32;
    /** Size of the records of the fsync floor measurement (about one kvraft Put entry). */
    public static final int FLOOR_RECORD_BYTES = 200;
    /** Seconds of each fsync floor measurement. */
    public static final double FLOOR_SECONDS = 1.5;
    /** Most operations in flight a setting may ask for. */
    public static final int IN_FLIGHT_MAX = 4096;

    /**
     * @param nodes             kvraft group sizes, e.g. 3, 5
     * @param inFlight          the in-flight settings, e.g. 1, 32, 256
     * @param seconds           measured seconds per setting and operation
     * @param warmupSeconds     unmeasured seconds before each
     * @param keyBytes          key size (both systems)
     * @param valueBytes        value size (both systems)
     * @param peer              {@code etcd} or {@code none}
     * @param baseDir           where the nodes and etcd members keep their files
     * @param classpath         class path of the node processes
     * @param nodeJvmArgs       JVM flags of the node processes
     * @param maxRaftStateBytes the nodes' {@code --maxraftstate} (snapshots keep the log bounded)
     */
    public record Options(List<Integer> nodes, List<Integer> inFlight, double seconds, double warmupSeconds, int keyBytes,
                          int valueBytes, String peer, Path baseDir, String classpath, List<String> nodeJvmArgs,
                          int maxRaftStateBytes) {
        public Options {
            Check.that(!nodes.isEmpty(), "no group sizes");
            for (int n : nodes) {
                Check.inRange(n, 1, 9, "nodes");
            }
            Check.that(!inFlight.isEmpty(), "no in-flight settings");
            for (int n : inFlight) {
                Check.inRange(n, 1, IN_FLIGHT_MAX, "inFlight");
            }
            Check.that(seconds > 0 && seconds <= 600, "seconds must be in (0, 600], was %s", seconds);
            Check.that(warmupSeconds >= 0 && warmupSeconds <= 600, "warmupSeconds must be in [0, 600], was %s", warmupSeconds);
            Check.inRange(keyBytes, 8, 1024, "keyBytes");
            Check.inRange(valueBytes, 1, 1 << 20, "valueBytes");
            Check.that(peer.equals("etcd") || peer.equals("none"), "peer must be etcd or none, was %s", peer);
            nodes = List.copyOf(nodes);
            inFlight = List.copyOf(inFlight);
            nodeJvmArgs = List.copyOf(nodeJvmArgs);
        }

        int inFlightMax() {
            return inFlight.stream().mapToInt(Integer::intValue).max().orElse(1);
        }
    }

    /**
     * The whole run. {@code peerSkipped} says why etcd was not measured (null when it was);
     * {@code load*} are {@code /proc/loadavg} at the start and end.
     */
    public record Report(Options options, String startedAt, String loadBefore, String loadAfter, String peerVersion,
                         String peerSkipped, List<OpResult> results, List<Floor> floors) {
        public Report {
            results = List.copyOf(results);
            floors = List.copyOf(floors);
        }
    }

    /**
     * The disk's fsync floor ({@value #FLOOR_RECORD_BYTES}-byte append + fdatasync in the bench's
     * directory, {@value #FLOOR_SECONDS} s) right before the block of settings named {@code before}
     * (the disk is shared, so it drifts).
     */
    public record Floor(String before, FsyncFloor.Result result) {}

    private KvRaftBench() {}

    public static Report run(Options o, PrintStream progress) throws InterruptedException {
        String startedAt = Instant.now().toString();
        String loadBefore = loadAverage();
        List<OpResult> results = new ArrayList<>();
        String skipped = null;
        String version = null;
        Path etcd = null;
        Path driver = null;
        if (o.peer().equals("none")) {
            skipped = "--peer none";
        } else if ((etcd = EtcdCluster.findBinary()) == null) {
            skipped = "etcd not found on PATH (install Debian's etcd-server: apt-get install -y etcd-server)";
        } else if ((driver = EtcdDriver.findJar()) == null) {
            skipped = "the etcd driver jar (" + EtcdDriver.JAR_IN_TREE + ") was not found; build it with"
                    + " 'mvn -B -DskipTests package -pl bench-etcd' or pass -D" + EtcdDriver.JAR_PROPERTY + "=PATH";
        } else {
            version = EtcdCluster.version(etcd);
        }
        if (skipped != null) {
            progress.println("peer skipped: " + skipped);
        }
        List<Floor> floors = new ArrayList<>();
        for (int i = 0; i < o.nodes().size(); i++) {
            floors.add(floor(o, "kvraft-" + o.nodes().get(i), progress));
            results.addAll(runKvRaft(o, o.nodes().get(i), progress));
            if (i == 0 && skipped == null) {
                floors.add(floor(o, "etcd-" + ETCD_MEMBERS, progress));
                results.addAll(runEtcd(o, etcd, driver, version, progress));
            }
        }
        return new Report(o, startedAt, loadBefore, loadAverage(), version, skipped, results, floors);
    }

    private static List<OpResult> runKvRaft(Options o, int nodes, PrintStream progress) throws InterruptedException {
        List<OpResult> out = new ArrayList<>();
        Path dir = o.baseDir().resolve("kvraft-" + nodes);
        List<String> nodeArgs = List.of("--maxraftstate", String.valueOf(o.maxRaftStateBytes()));
        try (ProcessCluster cluster = new ProcessCluster(new ProcessCluster.Options(nodes, dir, o.classpath(), "faultline", 0,
                o.nodeJvmArgs(), Duration.ofSeconds(60), "kvraft", nodeArgs));
             RpcClient rpc = RpcClient.open("127.0.0.9")) {
            progress.println("kvraft: starting " + nodes + " node processes ...");
            cluster.startAll();
            int leader = cluster.awaitLeader(Duration.ofSeconds(30));
            Check.that(leader >= 0, "kvraft: no leader within 30 s; logs in %s", dir);
            leader = awaitServing(rpc, cluster, leader, Duration.ofSeconds(30));
            Check.that(leader >= 0, "kvraft: no node answered a Get within 30 s; logs in %s", dir);
            String[] keys = new String[o.inFlightMax()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = key(i, o.keyBytes());
            }
            long[] versions = new long[keys.length];
            String value = "v".repeat(o.valueBytes());
            int prewarmInFlight = Math.min(PREWARM_IN_FLIGHT, keys.length);
            progress.printf(Locale.ROOT, "kvraft %d nodes: JIT pre-warm, put then get with %d in flight, %.1f s each ...%n",
                    nodes, prewarmInFlight, o.warmupSeconds());
            for (boolean put : new boolean[] {true, false}) {
                KvLoad load = new KvLoad(rpc, cluster.peers(), leader, put, prewarmInFlight, keys, versions, value);
                load.start();
                Thread.sleep((long) (o.warmupSeconds() * 1000));
                load.stop();
                leader = load.leader();
            }
            for (int n : o.inFlight()) {
                for (boolean put : new boolean[] {true, false}) {
                    progress.printf(Locale.ROOT, "kvraft %d nodes: %s with %d in flight: warm-up %.1f s, then %.1f s ...%n",
                            nodes, put ? "put" : "get", n, o.warmupSeconds(), o.seconds());
                    KvLoad load = new KvLoad(rpc, cluster.peers(), leader, put, n, keys, versions, value);
                    load.start();
                    Thread.sleep((long) (o.warmupSeconds() * 1000));
                    load.measuring(true);
                    long t0 = System.nanoTime();
                    Thread.sleep((long) (o.seconds() * 1000));
                    load.measuring(false);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    load.stop();
                    leader = load.leader();
                    out.add(load.result(nodes, secs));
                }
            }
        }
        return out;
    }

    /**
     * The first node, starting at {@code guess}, that answers a Get through the log (a start-up
     * leader may be superseded right after it reports itself), or -1 after {@code timeout}.
     */
    private static int awaitServing(RpcClient rpc, ProcessCluster cluster, int guess, Duration timeout) {
        byte[] probe = KvCodec.encode(new KvRequest.Get("faultline-bench-probe"));
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = Math.max(0, guess); System.nanoTime() < deadline; i = (i + 1) % cluster.size()) {
            byte[] reply = rpc.call(cluster.peers().get(i), KvServer.SERVICE, probe, KvLoad.CALL_TIMEOUT);
            Err err = reply == null ? null : KvCodec.decodeReply(reply).err();
            if (err == Err.OK || err == Err.ErrNoKey) {
                return i;
            }
        }
        return -1;
    }

    private static List<OpResult> runEtcd(Options o, Path binary, Path driver, String version, PrintStream progress)
            throws InterruptedException {
        progress.println("etcd: starting " + ETCD_MEMBERS + " members (" + version + ", " + binary + ") ...");
        try (EtcdCluster cluster = new EtcdCluster(binary, ETCD_MEMBERS, o.baseDir().resolve("etcd"))) {
            cluster.start(Duration.ofSeconds(30));
            return EtcdDriver.run(driver, cluster, o);
        }
    }

    private static Floor floor(Options o, String before, PrintStream progress) {
        progress.printf(Locale.ROOT, "fsync floor before %s (%d-byte append + fdatasync, %.1f s) ...%n", before,
                FLOOR_RECORD_BYTES, FLOOR_SECONDS);
        return new Floor(before, FsyncFloor.measure(o.baseDir().resolve("floor"), FLOOR_RECORD_BYTES, FLOOR_SECONDS));
    }

    /** The key of slot {@code slot}: {@code k} and the zero-padded slot number, {@code keyBytes} long (as the etcd driver's). */
    static String key(int slot, int keyBytes) {
        return String.format(Locale.ROOT, "k%0" + (keyBytes - 1) + "d", slot);
    }

    /** The first three fields of {@code /proc/loadavg}, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
