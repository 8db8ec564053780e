package io.faultline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline bench kvraft}: kvraft processes against etcd, Puts and Gets, 1/32/256 in flight. */
@Command(
        name = "kvraft",
        mixinStandardHelpOptions = true,
        description = {
            "kvraft groups of 3 and 5 node processes on loopback (fsync on) against",
            "etcd (3 members on loopback, default durability, jetcd client in a JVM",
            "of its own), measured in the same run: Puts, then linearizable Gets,",
            "with 1, 32 and 256 in flight and the same key and value sizes; ops/s,",
            "p50/p99/p99.9 latency and the ratios. etcd runs when an 'etcd' binary",
            "is on PATH (Debian: apt-get install etcd-server); otherwise it is",
            "skipped and the report says why. Every process is killed at the end.",
            "Exit: 0 done, 2 bad usage, 3 error."
        })
public final class BenchKvRaftCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_ERROR = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the figures as JSON (progress goes to stderr).")
    boolean json;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
            description = "Measured seconds per operation and in-flight setting (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
            description = "Unmeasured seconds before each (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--peer", paramLabel = "etcd|none", defaultValue = "etcd",
            description = "The peer to measure alongside (default: ${DEFAULT-VALUE}).")
    String peer;

    @Option(names = "--nodes", paramLabel = "N,...", split = ",", defaultValue = "3,5",
            description = "kvraft group sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> nodes;

    @Option(names = "--in-flight", paramLabel = "N,...", split = ",", defaultValue = "1,32,256",
            description = "Operations kept in flight (default: ${DEFAULT-VALUE}).")
    List<Integer> inFlight;

    @Option(names = "--key-bytes", paramLabel = "B", defaultValue = "16", description = "Key size (default: ${DEFAULT-VALUE}).")
    int keyBytes;

    @Option(names = "--value-bytes", paramLabel = "B", defaultValue = "128",
            description = "Value size (default: ${DEFAULT-VALUE}).")
    int valueBytes;

    @Option(names = "--reads", paramLabel = "read-index|log", defaultValue = KvRaftBench.READS_INDEX,
            description = "How kvraft serves Gets: read-index (ReadIndex: one heartbeat round, no log entry; what etcd's"
                    + " linearizable Get does) or log (an fsynced log entry, as the lab spec asks) (default: ${DEFAULT-VALUE}).")
    String reads;

    /** Runs the bench without the CLI module: {@code java -cp CP io.faultline.bench.BenchKvRaftCommand [flags]}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchKvRaftCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        KvRaftBench.Options o = options(Path.of(System.getProperty("java.io.tmpdir")), System.getProperty("java.class.path"));
        Path base = Files.createTempDirectory(o.baseDir(), "faultline-bench-kvraft");
        try {
            KvRaftBench.Options run = new KvRaftBench.Options(o.nodes(), o.inFlight(), o.seconds(), o.warmupSeconds(),
                    o.keyBytes(), o.valueBytes(), o.peer(), base, o.classpath(), o.nodeJvmArgs(), o.maxRaftStateBytes(), o.reads());
            KvRaftBench.Report r = KvRaftBench.run(run, json ? System.err : System.out);
            if (json) {
                System.out.println(KvRaftReport.toJson(r).encodePrettily());
            } else {
                KvRaftReport.printText(r, System.out);
            }
            return EXIT_OK;
        } finally {
            deleteTree(base);
        }
    }

    /** Checks the flags (a bad one is a picocli ParameterException: exit 2) and builds the options. */
    KvRaftBench.Options options(Path baseDir, String classpath) {
        require(seconds > 0 && seconds <= 600, "--seconds must be in (0, 600], was " + seconds);
        require(warmup >= 0 && warmup <= 600, "--warmup must be in [0, 600], was " + warmup);
        require(peer.equals("etcd") || peer.equals("none"), "--peer must be etcd or none, was " + peer);
        require(!nodes.isEmpty(), "--nodes needs at least one group size");
        for (int n : nodes) {
            require(n >= 1 && n <= 9, "--nodes values must be in 1..9, was " + n);
        }
        require(!inFlight.isEmpty(), "--in-flight needs at least one setting");
        for (int n : inFlight) {
            require(n >= 1 && n <= KvRaftBench.IN_FLIGHT_MAX, "--in-flight values must be in 1.." + KvRaftBench.IN_FLIGHT_MAX
                    + ", was " + n);
        }
        require(keyBytes >= 8 && keyBytes <= 1024, "--key-bytes must be in 8..1024, was " + keyBytes);
        require(valueBytes >= 1 && valueBytes <= 65536, "--value-bytes must be in 1..65536, was " + valueBytes);
        require(reads.equals(KvRaftBench.READS_INDEX) || reads.equals(KvRaftBench.READS_LOG),
                "--reads must be read-index or log, was " + reads);
        return new KvRaftBench.Options(nodes, inFlight, seconds, warmup, keyBytes, valueBytes, peer, baseDir, classpath,
                List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC"), 32 << 20, reads);
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
