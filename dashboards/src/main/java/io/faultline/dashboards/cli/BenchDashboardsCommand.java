package io.faultline.dashboards.cli;

import io.faultline.dashboards.bench.DashboardsBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline bench dashboards}: index and run-page load times on a generated large store. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = {"Generates (once) a store of --runs runs plus one run of --ops operations, serves it, and times",
            "the index and the run page cold and warm (HTTP, and headless Chromium when installed).",
            "Peers measured in the same run: reading the big history.jsonl raw (like cat) and with Jackson streaming."})
public final class BenchDashboardsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", description = "Where to generate the store (default: a directory under java.io.tmpdir). Never commit it.")
    Path store;

    @Option(names = "--runs", defaultValue = "1000", description = "Runs in the store besides the big one (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--ops", defaultValue = "1000000", description = "Operations of the big run (default: ${DEFAULT-VALUE}).")
    long ops;

    @Option(names = "--small-ops", defaultValue = "500", description = "Operations of each other run (default: ${DEFAULT-VALUE}).")
    long smallOps;

    @Option(names = "--repeat", defaultValue = "5", description = "Warm measurements per figure; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--no-browser", description = "Skip the headless Chromium page loads.")
    boolean noBrowser;

    /** Runs the benchmark without the whole CLI (e.g. from the module's classpath). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new BenchDashboardsCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || ops < 1 || smallOps < 1 || repeat < 1) {
            spec.commandLine().getErr().println("faultline bench dashboards: --runs, --ops, --small-ops and --repeat must be positive");
            return DashboardCommands.EXIT_USAGE;
        }
        Path dir = store != null ? store : Path.of(System.getProperty("java.io.tmpdir"), "faultline-bench-dashboards-store");
        new DashboardsBench(dir, runs, ops, smallOps, repeat, !noBrowser, spec.commandLine().getOut()).run();
        return DashboardCommands.EXIT_OK;
    }
}
