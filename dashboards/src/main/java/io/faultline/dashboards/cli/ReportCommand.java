package io.faultline.dashboards.cli;

import io.faultline.dashboards.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline report RUN_DIR}: (re)writes a run's self-contained report.html. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes RUN_DIR/report.html: the run page as one file that opens without a server or network.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "Run directories (store/<test>/<timestamp>).")
    java.util.List<Path> runDirs;

    @Override
    public Integer call() throws Exception {
        for (Path dir : runDirs) {
            if (!Files.isRegularFile(dir.resolve("test.json"))) {
                spec.commandLine().getErr().println("faultline report: " + dir + " is not a run directory (no test.json)");
                return DashboardCommands.EXIT_USAGE;
            }
        }
        for (Path dir : runDirs) {
            Path out = Report.write(dir);
            spec.commandLine().getOut().println(out + " (" + Files.size(out) / 1024 + " KiB)");
        }
        return DashboardCommands.EXIT_OK;
    }
}
