package io.faultline.vertx.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@link RaftBench} without the CLI module: {@code java -cp CP io.faultline.vertx.bench.RaftBenchMain [--json]
 * [--seconds S] [--in-flight N,...] [--prewarm S]}. The {@code faultline bench raft} command does the same.
 */
public final class RaftBenchMain {
    private RaftBenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean json = false;
        double seconds = 10;
        List<Integer> inFlight = List.of(1, 32, 256);
        double prewarm = PREWARM_SECONDS_DEFAULT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--seconds" -> {
                    seconds = number(args, ++i, "--seconds");
                    if (!(seconds > 0 && seconds <= 600)) {
                        usage("--seconds must be in (0, 600]");
                    }
                }
                case "--prewarm" -> {
                    prewarm = number(args, ++i, "--prewarm");
                    if (!(prewarm >= 0 && prewarm <= 600)) {
                        usage("--prewarm must be in [0, 600]");
                    }
                }
                case "--in-flight" -> {
                    if (i + 1 >= args.length) {
                        usage("missing value for --in-flight");
                    }
                    try {
                        inFlight = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                    } catch (NumberFormatException e) {
                        usage("--in-flight must be a comma-separated list of integers");
                    }
                    String bad = checkInFlight(inFlight);
                    if (bad != null) {
                        usage(bad);
                    }
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        System.exit(run(json, seconds, inFlight, prewarm, System.getProperty("java.class.path")));
    }

    /** {@code args[i]} as a number, or exit 2 naming {@code flag}. */
    private static double number(String[] args, int i, String flag) {
        if (i >= args.length) {
            usage("missing value for " + flag);
        }
        try {
            return Double.parseDouble(args[i]);
        } catch (NumberFormatException e) {
            usage(flag + " must be a number, was '" + args[i] + "'");
            return Double.NaN; // not reached: usage exits
        }
    }

    /** Default unmeasured seconds per in-flight setting before the measurements (see {@link RaftBench.Options}). */
    public static final double PREWARM_SECONDS_DEFAULT = 10;
    /** Most commands in flight the bench client keeps. */
    public static final int IN_FLIGHT_MAX = 4096;

    /** Null if every setting is in 1..{@value #IN_FLIGHT_MAX} and there is one, else the problem. */
    public static String checkInFlight(List<Integer> inFlight) {
        if (inFlight.isEmpty()) {
            return "--in-flight needs at least one setting";
        }
        for (int n : inFlight) {
            if (n < 1 || n > IN_FLIGHT_MAX) {
                return "--in-flight values must be in 1.." + IN_FLIGHT_MAX + ", was " + n;
            }
        }
        return null;
    }

    /** Runs the benchmark and prints the report; returns an exit code. */
    public static int run(boolean json, double seconds, List<Integer> inFlight, double prewarmSeconds, String classpath)
            throws Exception {
        Path base = Files.createTempDirectory("faultline-bench-raft");
        try {
            RaftBench.Options o = new RaftBench.Options(seconds, Math.min(3, Math.max(1, seconds / 3)), inFlight, 16,
                    base, classpath, List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC"), prewarmSeconds);
            RaftBench.Report r = RaftBench.run(o, json ? System.err : System.out);
            if (json) {
                System.out.println(RaftBench.toJson(r).encodePrettily());
            } else {
                RaftBench.printText(r, System.out);
            }
            return 0;
        } finally {
            deleteTree(base);
        }
    }

    private static void usage(String message) {
        System.err.println("faultline bench raft: " + message);
        System.exit(2);
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
