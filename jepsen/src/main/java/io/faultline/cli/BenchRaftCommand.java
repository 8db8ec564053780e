package io.faultline.cli;

import io.faultline.vertx.bench.RaftBenchMain;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline bench raft}: throughput and latency of a 3-node Raft group of real processes on
 * loopback (fsync on), with 1, 32 and 256 commands in flight, against the fsync floor measured in
 * the same run.
 */
@Command(
        name = "raft",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks a 3-node Raft group of separate processes on loopback, fsync on.",
            "Measures the fsync floor (append + fdatasync of one log record), runs every",
            "setting unmeasured for --prewarm seconds (largest first: JIT warm-up), then keeps",
            "1, 32 and 256 commands in flight for --seconds each (after a warm-up) and",
            "prints ops/s and p50/p99/p99.9 latency per setting. Stops by itself; the",
            "node processes are killed at the end. Exit: 0 done, 2 bad usage, 3 error."
        })
final class BenchRaftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the figures as JSON (progress goes to stderr).")
    boolean json;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "Measured seconds per in-flight setting (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--in-flight", paramLabel = "N,...", split = ",", defaultValue = "1,32,256",
            description = "Commands kept in flight, one setting after another (default: ${DEFAULT-VALUE}).")
    java.util.List<Integer> inFlight;

    @Option(names = "--prewarm", paramLabel = "S", defaultValue = "10",
            description = "Unmeasured seconds per setting before any measurement, largest setting first, so the"
                    + " JIT has compiled the hot paths; 0 skips it (default: ${DEFAULT-VALUE}).")
    double prewarm;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0 && seconds <= 600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be in (0, 600], was " + seconds);
        }
        if (!(prewarm >= 0 && prewarm <= 600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--prewarm must be in [0, 600], was " + prewarm);
        }
        String bad = RaftBenchMain.checkInFlight(inFlight);
        if (bad != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), bad);
        }
        return RaftBenchMain.run(json, seconds, inFlight, prewarm, System.getProperty("java.class.path"));
    }
}
