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
            "Measures the fsync floor (append + fdatasync of one log record), then keeps",
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

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0 && seconds <= 600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be in (0, 600], was " + seconds);
        }
        return RaftBenchMain.run(json, seconds, System.getProperty("java.class.path"));
    }
}
