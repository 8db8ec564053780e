package io.faultline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code faultline bench}: the parent of all benchmarks. Register a benchmark by adding its
 * class to {@code subcommands} below (the one place they are listed).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks; each reports ratios against a named peer measured in the same run.",
        subcommands = {
            BenchCheckerCommand.class,
            BenchRaftCommand.class,
            io.faultline.mapreduce.cli.MrBenchCommand.class,
            io.faultline.dashboards.cli.BenchDashboardsCommand.class,
            io.faultline.bench.BenchKvRaftCommand.class,
            io.faultline.harness.cli.InterpreterBenchCommand.class,
        })
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_USAGE;
    }
}
