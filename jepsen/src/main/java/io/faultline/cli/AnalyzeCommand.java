package io.faultline.cli;

import io.faultline.jepsen.Analyzer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline analyze RUN_DIR}: re-checks a stored run (also one whose harness died) and writes results.json. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Re-checks a stored run: reads RUN_DIR/test.json and history.jsonl (a torn last line, left by a",
            "killed harness, is dropped and reported), runs the workload's checker and writes results.json,",
            "history.edn, linear.html (when not linearizable) and report.html.",
            "Exit codes: 0 valid, 1 invalid, 2 unknown, 3 error (missing or malformed files)."
        })
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory, e.g. store/latest.")
    Path runDir;

    @Option(names = "--check-budget", defaultValue = "120", paramLabel = "SECONDS", description = "Checker time budget (default ${DEFAULT-VALUE} s).")
    double checkBudgetS;

    @Override
    public Integer call() throws Exception {
        if (!(checkBudgetS > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--check-budget must be > 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        Analyzer.Outcome o = Analyzer.analyze(runDir, checkBudgetS);
        o.notes().forEach(out::println);
        out.println(o.summary());
        out.flush();
        return o.exitCode();
    }
}
