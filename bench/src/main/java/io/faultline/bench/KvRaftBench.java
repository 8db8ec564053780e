package io.faultline.bench;

import io.faultline.core.Check;
import io.faultline.vertx.bench.FsyncFloor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code faultline bench kvraft}: kvraft groups of 3 and 5 node processes on loopback (fsync on),
 * Puts then linearizable Gets with 1, 32 and 256 in flight, next to etcd (3 members on loopback,
 * default durability, driven through jetcd) with the same key and value sizes and in-flight
 * settings, measured in the same run: the first kvraft group and etcd run side by side and are
 * measured alternately, setting by setting (each pair seconds apart, under the same load); the
 * other group sizes follow on their own. Every process is started here and killed at the end,
 * also on failure.
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

    public static final String READS_INDEX = "read-index";
    public static final String READS_LOG = "log";

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
     * @param reads             how kvraft serves Gets: {@value #READS_INDEX} (ReadIndex, like etcd's
     *                          linearizable Get) or {@value #READS_LOG} (a log entry, as the lab spec asks)
     */
    public record Options(List<Integer> nodes, List<Integer> inFlight, double seconds, double warmupSeconds, int keyBytes,
                          int valueBytes, String peer, Path baseDir, String classpath, List<String> nodeJvmArgs,
                          int maxRaftStateBytes, String reads) {
        public Options {
            Check.that(reads.equals(READS_INDEX) || reads.equals(READS_LOG), "reads must be %s or %s, was %s",
                    READS_INDEX, READS_LOG, reads);
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

        /**
         * Seconds of each half (Puts, Gets) of the pre-warm: a measured window's length (or the
         * warm-up's, if longer). Shorter pre-warms left the first setting measured on kvraft (Put
         * at 1 in flight) about twice as slow as the same setting repeated later in the run.
         */
        double prewarmSeconds() {
            return Math.max(warmupSeconds, seconds);
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
        int first = o.nodes().get(0);
        floors.add(floor(o, "kvraft-" + first + (skipped == null ? " and etcd-" + ETCD_MEMBERS : ""), progress));
        try (KvRaftSide ours = new KvRaftSide(o, first, progress);
             EtcdSide peer = skipped == null ? new EtcdSide(o, etcd, driver, version, progress) : null) {
            results.addAll(runSettings(o, ours, peer));
        }
        for (int nodes : o.nodes().subList(1, o.nodes().size())) {
            floors.add(floor(o, "kvraft-" + nodes, progress));
            try (KvRaftSide ours = new KvRaftSide(o, nodes, progress)) {
                results.addAll(runSettings(o, ours, null));
            }
        }
        return new Report(o, startedAt, loadBefore, loadAverage(), version, skipped, results, floors);
    }

    /**
     * Pre-warms both sides, then measures every setting on {@code ours} and right after on
     * {@code peer} (when not null), so each pair is measured seconds apart under the same load.
     */
    private static List<OpResult> runSettings(Options o, Side ours, Side peer) throws InterruptedException {
        int prewarm = Math.min(PREWARM_IN_FLIGHT, o.inFlightMax());
        ours.prewarm(prewarm, o.prewarmSeconds());
        if (peer != null) {
            peer.prewarm(prewarm, o.prewarmSeconds());
        }
        List<OpResult> out = new ArrayList<>();
        for (int n : o.inFlight()) {
            for (boolean put : new boolean[] {true, false}) {
                out.add(ours.measure(put, n));
                if (peer != null) {
                    out.add(peer.measure(put, n));
                }
            }
        }
        return out;
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
