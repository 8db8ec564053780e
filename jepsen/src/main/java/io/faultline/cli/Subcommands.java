package io.faultline.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The subcommands of {@code faultline}, one line each. Add yours here: a picocli {@code @Command}
 * class with a no-argument constructor implementing {@code Callable<Integer>} that returns one of
 * the exit codes in {@link Main}.
 */
final class Subcommands {
    private Subcommands() {}

    static List<Object> all() {
        List<Object> all = new ArrayList<>();
        all.add(new LabCommand());
        all.add(new io.faultline.mapreduce.cli.MrCommand());
        all.add(new NodeCommand());
        all.add(new CheckCommand());
        all.add(new BenchCommand());
        all.addAll(io.faultline.dashboards.cli.DashboardCommands.all());
        all.add(new TestCommand());
        all.add(new AnalyzeCommand());
        return all;
    }
}
