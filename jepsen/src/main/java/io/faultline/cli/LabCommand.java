package io.faultline.cli;

import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultline lab SUITES}: runs the 6.5840 lab suites on the simulator, many times with
 * fresh seeds, against a Raft chosen by name. Exit 0 when every run passed, 1 when one failed,
 * 2 for bad usage (unknown suite, test or raft; bad flags).
 */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the 6.5840 lab suites: raft (lab 3, 28 tests + 2 scripted paper scenarios), kvsrv (lab 2, 8), rsm and kvraft (lab 4,",
            "8 + 22) in virtual time on the simulator; mapreduce (lab 1, 7) as real processes.",
            "Planted-bug variants are suites too (an unknown suite name lists them all).",
            "Each selected test runs --runs times with fresh seeds from system entropy; every failing",
            "(test, seed) is printed with a one-line replay command. The last line is '<P> passed, <F> failed'.",
            "Simulator runs replay exactly from --seed; mapreduce replays only its generated inputs.",
            "Exit: 0 all passed, 1 some run failed, 2 bad usage."
        })
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITES", description = "Comma-separated suites, e.g. raft or kvsrv,rsm,kvraft (an unknown name lists the available ones).")
    String suites;

    @Option(names = "--test", paramLabel = "SEL",
            description = "Comma-separated test names and parts (e.g. 3B or TestBackup3B,TestCount3B). Default: all.")
    String tests;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "Runs per test (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", paramLabel = "S", description = "Replay: run each selected test once with this seed.")
    Long seed;

    @Option(names = "--parallel", paramLabel = "P",
            description = "Independent runs at once (default: the number of cores).")
    Integer parallel;

    @Option(names = "--raft", paramLabel = "NAME", description = "The Raft implementation under test (default: faultline).")
    String raft;

    @Option(names = "--trail", paramLabel = "N",
            description = "Lines of the harness's trail (faults, leaders, agreements) to print under each failure "
                    + "(default: 25 when replaying a --seed, else 0).")
    Integer trail;

    @Override
    public Integer call() {
        int threads = parallel != null ? parallel : java.lang.Runtime.getRuntime().availableProcessors();
        LabRunner.Request request = new LabRunner.Request(suites, tests, runs, seed, threads, new LabOptions(raft), trail);
        return LabRunner.run(request, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
