package io.faultline.vertx.bench;

import io.faultline.core.Check;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.cluster.ProcessCluster;
import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.node.ProposeProtocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * {@code faultline bench raft}: a 3-node Raft group of separate processes on loopback (fsync on),
 * driven by one client process keeping 1, 32 and 256 commands in flight; reports ops/s and latency
 * percentiles per setting next to the fsync floor measured in the same run.
 */
public final class RaftBench {
    /**
     * @param seconds       measured seconds per in-flight setting (after a warm-up)
     * @param warmupSeconds unmeasured seconds before each setting
     * @param inFlight      the settings, e.g. 1, 32, 256
     * @param commandBytes  size of each proposed command
     * @param baseDir       where nodes keep their files (and the fsync floor is measured)
     * @param classpath     class path for the node processes
     * @param prewarmSeconds unmeasured seconds per in-flight setting, largest first, before any
     *                      measurement: the JIT compilers of four JVMs otherwise still take most of
     *                      two cores during the first settings, and at 1 in flight (about 1,000 calls
     *                      of each hot method per second) C2 needs 10-15 s to reach its compile thresholds
     */
    public record Options(double seconds, double warmupSeconds, List<Integer> inFlight, int commandBytes, Path baseDir,
                          String classpath, List<String> nodeJvmArgs, double prewarmSeconds) {
        public Options {
            Check.that(prewarmSeconds >= 0 && prewarmSeconds <= 600, "prewarmSeconds must be in [0, 600], was %s",
                    prewarmSeconds);
            Check.that(seconds > 0 && seconds <= 600, "seconds must be in (0, 600], was %s", seconds);
            Check.that(warmupSeconds >= 0 && warmupSeconds <= 600, "warmupSeconds must be in [0, 600], was %s", warmupSeconds);
            Check.that(!inFlight.isEmpty(), "no in-flight settings");
            Check.inRange(commandBytes, 8, 1 << 20, "commandBytes");
            inFlight = List.copyOf(inFlight);
            nodeJvmArgs = List.copyOf(nodeJvmArgs);
        }
    }

    /**
     * One in-flight setting's figures, with the fsync floor measured right before it (the disk is
     * shared with other work, so the floor drifts during a run).
     */
    public record Setting(int inFlight, long ops, double seconds, Histogram latencyNanos, double avgSyncBatch,
                          FsyncFloor.Result floor, double cpuMicrosPerOp) {
        public double opsPerSecond() {
            return ops / seconds;
        }

        /** Commits per second if each commit costs two fsyncs in sequence (leader's, then a follower's). */
        public double fsyncBoundOpsPerSecond() {
            return 1e6 / (2 * floor.meanMicros());
        }
    }

    /**
     * The whole run: the floor measured before the cluster started, each setting, and the
     * transport alone (RPC echo calls/s at the largest in-flight setting).
     */
    public record Report(FsyncFloor.Result floor, int recordBytes, List<Setting> settings, int echoInFlight,
                         EchoPeer.Result echo) {
        /** {@link Setting#fsyncBoundOpsPerSecond} for the floor measured before the cluster started. */
        public double fsyncBoundOpsPerSecond() {
            return 1e6 / (2 * floor.meanMicros());
        }
    }

    private RaftBench() {}

    public static Report run(Options o, PrintStream progress) throws InterruptedException {
        int recordBytes = o.commandBytes() + 16; // a log record: length, crc, index, term, length, command
        progress.println("measuring the fsync floor (" + recordBytes + "-byte appends + fdatasync) ...");
        FsyncFloor.Result floor = FsyncFloor.measure(o.baseDir().resolve("floor"), recordBytes, 3.0);
        List<Setting> settings = new ArrayList<>();
        try (ProcessCluster cluster = new ProcessCluster(new ProcessCluster.Options(3, o.baseDir().resolve("cluster"),
                o.classpath(), "faultline", 0, o.nodeJvmArgs(), Duration.ofSeconds(60)));
             RpcClient rpc = RpcClient.open("127.0.0.9")) {
            progress.println("starting 3 node processes ...");
            cluster.startAll();
            int leader = cluster.awaitLeader(Duration.ofSeconds(30));
            Check.that(leader >= 0, "no leader within 30 s; logs in %s", o.baseDir());
            if (o.prewarmSeconds() > 0) {
                List<Integer> order = new ArrayList<>(new java.util.TreeSet<>(o.inFlight()).descendingSet());
                progress.println("JIT pre-warm: " + order + " in flight, " + o.prewarmSeconds() + " s each, unmeasured ...");
                for (int n : order) {
                    Loop loop = new Loop(rpc, cluster.peers(), cluster.leader(), o.commandBytes());
                    loop.start(n);
                    Thread.sleep((long) (o.prewarmSeconds() * 1000));
                    loop.stop();
                }
            }
            for (int n : o.inFlight()) {
                progress.println("in flight " + n + ": warm-up " + o.warmupSeconds() + " s, then " + o.seconds() + " s ...");
                FsyncFloor.Result floorNow = FsyncFloor.measure(o.baseDir().resolve("floor"), recordBytes, 2.0);
                settings.add(runSetting(cluster, rpc, n, o, floorNow));
            }
        }
        int echoInFlight = o.inFlight().stream().mapToInt(Integer::intValue).max().orElse(1);
        progress.println("transport alone: RPC echo with " + echoInFlight + " in flight for " + o.seconds() + " s ...");
        EchoPeer.Result echo = EchoPeer.measure(o.baseDir().resolve("echo"), echoInFlight, o.seconds(), o.commandBytes());
        return new Report(floor, recordBytes, settings, echoInFlight, echo);
    }

    private static Setting runSetting(ProcessCluster cluster, RpcClient rpc, int inFlight, Options o,
                                      FsyncFloor.Result floor) throws InterruptedException {
        Loop loop = new Loop(rpc, cluster.peers(), cluster.leader(), o.commandBytes());
        loop.start(inFlight);
        Thread.sleep((long) (o.warmupSeconds() * 1000));
        int leader = loop.leader;
        JsonObject before = cluster.status(leader);
        long cpu0 = cpuNanos(cluster);
        loop.measure(true);
        long t0 = System.nanoTime();
        Thread.sleep((long) (o.seconds() * 1000));
        loop.measure(false);
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu1 = cpuNanos(cluster);
        JsonObject after = cluster.status(leader);
        loop.stop();
        double batch = Double.NaN;
        if (before != null && after != null) {
            long rounds = after.getLong("syncRounds") - before.getLong("syncRounds");
            long callbacks = after.getLong("syncCallbacks") - before.getLong("syncCallbacks");
            long proposals = after.getLong("proposals") - before.getLong("proposals");
            batch = rounds > 0 ? (double) proposals / rounds : Double.NaN;
            Check.that(callbacks >= 0, "sync callbacks went backwards");
        }
        double cpuPerOp = cpu0 < 0 || cpu1 < 0 || loop.measuredOps == 0 ? Double.NaN
                : (cpu1 - cpu0) / 1e3 / loop.measuredOps;
        return new Setting(inFlight, loop.measuredOps, secs, loop.histogram.copy(), batch, floor, cpuPerOp);
    }

    /** CPU time of the three nodes and this (client) process, or -1 if any is unknown. */
    private static long cpuNanos(ProcessCluster cluster) {
        long total = CpuClock.selfNanos();
        for (int i = 0; i < cluster.size() && total >= 0; i++) {
            long n = CpuClock.processNanos(cluster.pid(i));
            total = n < 0 ? -1 : total + n;
        }
        return total;
    }

    /**
     * Keeps {@code inFlight} proposals outstanding against the leader. Completions run on the
     * client's single event loop, so the counters need no locks.
     */
    private static final class Loop {
        private final RpcClient rpc;
        private final List<Endpoint> peers;
        private final byte[] payload;
        private final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile boolean measuring;
        private volatile int leader;
        private long measuredOps;
        private long seq;
        private int outstanding;
        private final CompletableFuture<Void> drained = new CompletableFuture<>();

        Loop(RpcClient rpc, List<Endpoint> peers, int leader, int commandBytes) {
            this.rpc = rpc;
            this.peers = peers;
            this.leader = Math.max(0, leader);
            this.payload = new byte[commandBytes];
        }

        void start(int inFlight) {
            synchronized (this) {
                for (int i = 0; i < inFlight; i++) {
                    outstanding++;
                    send();
                }
            }
        }

        void measure(boolean on) {
            synchronized (this) {
                measuring = on;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            try {
                drained.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("proposals did not drain: " + e);
            }
        }

        private void send() {
            byte[] cmd = payload.clone();
            long s = seq++;
            for (int i = 0; i < 8; i++) {
                cmd[i] = (byte) (s >>> (8 * i));
            }
            long start = System.nanoTime();
            int to = leader;
            rpc.callAsync(peers.get(to), ProposeProtocol.SERVICE, cmd, Duration.ofSeconds(5))
                    .thenAccept(reply -> done(to, start, reply));
        }

        private synchronized void done(int to, long start, byte[] reply) {
            long latency = System.nanoTime() - start;
            if (reply != null) {
                ProposeProtocol.Reply r = ProposeProtocol.Reply.decode(reply);
                if (r.status() == ProposeProtocol.Status.COMMITTED) {
                    if (measuring) {
                        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                        measuredOps++;
                    }
                } else if (r.status() == ProposeProtocol.Status.NOT_LEADER && r.leaderHint() >= 0) {
                    leader = r.leaderHint();
                } else if (r.status() == ProposeProtocol.Status.NOT_LEADER) {
                    leader = (to + 1) % peers.size();
                }
            } else {
                leader = (to + 1) % peers.size();
            }
            if (running.get()) {
                send();
            } else if (--outstanding == 0) {
                drained.complete(null);
            }
        }
    }

    /** Human-readable report. */
    public static void printText(Report r, PrintStream out) {
        FsyncFloor.Result f = r.floor();
        out.printf(Locale.ROOT, "fsync floor: %d-byte append + fdatasync: mean %.1f us, p50 %.1f us, p99 %.1f us, %.0f syncs/s%n",
                r.recordBytes(), f.meanMicros(), f.latencyNanos().getValueAtPercentile(50) / 1e3,
                f.latencyNanos().getValueAtPercentile(99) / 1e3, f.syncsPerSecond());
        out.printf(Locale.ROOT, "fsync-bound rate (1e6 / (2 x mean fsync us): two fsyncs in sequence per commit): %.0f ops/s%n",
                r.fsyncBoundOpsPerSecond());
        out.printf(Locale.ROOT, "%9s %10s %9s %9s %9s %11s %13s %12s %11s%n", "in-flight", "ops/s", "p50 ms", "p99 ms",
                "p99.9 ms", "cmds/fsync", "floor mean us", "vs 2-fsync", "cpu us/op");
        out.printf(Locale.ROOT, "transport alone (RPC echo in-process, same client, %d in flight): %.0f calls/s, %.1f cpu us/call%n",
                r.echoInFlight(), r.echo().callsPerSecond(), r.echo().cpuMicrosPerCall());
        for (Setting s : r.settings()) {
            Histogram h = s.latencyNanos();
            String ratio = s.inFlight() == 1
                    ? String.format(Locale.ROOT, "%.0f%%", 100 * s.opsPerSecond() / s.fsyncBoundOpsPerSecond()) : "-";
            out.printf(Locale.ROOT, "%9d %10.0f %9.3f %9.3f %9.3f %11.1f %13.1f %12s %11.1f%n", s.inFlight(), s.opsPerSecond(),
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6,
                    s.avgSyncBatch(), s.floor().meanMicros(), ratio, s.cpuMicrosPerOp());
        }
    }

    /** The same figures as JSON. */
    public static JsonObject toJson(Report r) {
        FsyncFloor.Result f = r.floor();
        JsonArray settings = new JsonArray();
        for (Setting s : r.settings()) {
            Histogram h = s.latencyNanos();
            settings.add(new JsonObject().put("inFlight", s.inFlight()).put("ops", s.ops()).put("seconds", s.seconds())
                    .put("opsPerSecond", s.opsPerSecond())
                    .put("p50Ms", h.getValueAtPercentile(50) / 1e6).put("p99Ms", h.getValueAtPercentile(99) / 1e6)
                    .put("p999Ms", h.getValueAtPercentile(99.9) / 1e6)
                    .put("commandsPerLeaderFsync", Double.isNaN(s.avgSyncBatch()) ? null : s.avgSyncBatch())
                    .put("cpuMicrosPerOp", Double.isNaN(s.cpuMicrosPerOp()) ? null : s.cpuMicrosPerOp())
                    .put("fsyncFloorMeanUs", s.floor().meanMicros())
                    .put("fsyncFloorP50Us", s.floor().latencyNanos().getValueAtPercentile(50) / 1e3)
                    .put("fsyncBoundOpsPerSecond", s.fsyncBoundOpsPerSecond())
                    .put("ratioToFsyncBound", s.opsPerSecond() / s.fsyncBoundOpsPerSecond()));
        }
        return new JsonObject()
                .put("fsyncFloor", new JsonObject().put("recordBytes", r.recordBytes()).put("syncs", f.syncs())
                        .put("meanUs", f.meanMicros()).put("p50Us", f.latencyNanos().getValueAtPercentile(50) / 1e3)
                        .put("p99Us", f.latencyNanos().getValueAtPercentile(99) / 1e3)
                        .put("syncsPerSecond", f.syncsPerSecond()))
                .put("fsyncBoundOpsPerSecondAt1", r.fsyncBoundOpsPerSecond())
                .put("echo", new JsonObject().put("inFlight", r.echoInFlight()).put("callsPerSecond", r.echo().callsPerSecond())
                        .put("cpuMicrosPerCall", r.echo().cpuMicrosPerCall()))
                .put("settings", settings);
    }
}
