package io.faultline.cli;

import io.faultline.faults.NemesisPackages;
import io.faultline.jepsen.Runner;
import io.faultline.jepsen.TestSpec;
import io.faultline.raft.RaftFactories;
import io.faultline.workloads.Workloads;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline test}: a Jepsen-style test of kvraft or kvsrv under faults, stored under
 * {@code --store}. Exit 0 valid, 1 invalid, 2 unknown verdict or bad usage, 3 harness error; with
 * {@code --test-count N} the worst of the runs (error, then invalid, then unknown).
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a Jepsen-style test: N nodes of kvraft (or kvsrv) as local processes (or in the simulator),",
            "concurrent clients doing the workload's ops while the nemesis injects faults, then a heal, final",
            "reads and the checker. Everything lands in STORE/<test>/<time>/ (see docs/store.md).",
            "Exit codes: 0 valid, 1 invalid, 2 unknown (or bad usage), 3 harness error."
        })
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--system", defaultValue = "kvraft", description = "kvraft (default) or kvsrv.")
    String system;

    @Option(names = "--nodes", description = "Number of nodes (default 5 for kvraft, 1 for kvsrv).")
    Integer nodes;

    @Option(names = "--concurrency", defaultValue = "10", description = "Client threads (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--time-limit", defaultValue = "60", paramLabel = "SECONDS", description = "Length of the run phase (default ${DEFAULT-VALUE} s).")
    int timeLimitS;

    @Option(names = "--nemesis", defaultValue = "all", paramLabel = "LIST",
            description = "Comma list of partition, kill, pause, clock, loss, delay; or none, or all (default; for kvsrv: the ones that apply).")
    String nemesis;

    @Option(names = "--nemesis-interval", defaultValue = "5", paramLabel = "SECONDS", description = "Seconds between fault changes (default ${DEFAULT-VALUE}).")
    double nemesisIntervalS;

    @Option(names = "--seed", description = "Seed of the generators and the nemesis (default: random, printed and stored).")
    Long seed;

    @Option(names = "--backend", defaultValue = "local", description = "local (processes, default) or sim (the simulator, virtual time).")
    String backend;

    @Option(names = "--test-count", defaultValue = "1", description = "Runs one after another (seeds seed, seed+1, ...).")
    int testCount;

    @Option(names = "--store", defaultValue = "store", paramLabel = "DIR", description = "The store directory (default ./store).")
    Path store;

    @Option(names = "--leave-running", description = "Leave the nodes running after the test (the next run kills them).")
    boolean leaveRunning;

    @Option(names = "--workload", defaultValue = "register", description = "register (default), set or counter.")
    String workload;

    @Option(names = "--variant", defaultValue = "faultline",
            description = "The system's implementation: faultline (correct, default); for kvraft also read-index (correct, Gets "
                    + "by ReadIndex instead of the log); or a planted bug (kvraft: bug-local-get, "
                    + "bug-snapshot-drops-versions; kvsrv: bug-errversion-after-resend).")
    String variant;

    @Option(names = "--raft", defaultValue = "faultline",
            description = "kvraft's Raft: faultline (default) or a planted bug (bug-forget-vote, bug-vote-no-log-check, bug-figure8-commit; "
                    + "bug-read-no-quorum, which only --variant read-index exercises).")
    String raft;

    @Option(names = "--op-timeout", defaultValue = "2000", paramLabel = "MS", description = "A client op's deadline; past it the op is info (default ${DEFAULT-VALUE} ms).")
    long opTimeoutMs;

    @Option(names = "--maxraftstate", defaultValue = "20000", paramLabel = "BYTES",
            description = "kvraft: Raft state size that triggers a snapshot; -1 never (default ${DEFAULT-VALUE}).")
    int maxRaftState;

    @Option(names = "--check-budget", defaultValue = "120", paramLabel = "SECONDS", description = "Checker time budget; out of it the verdict is unknown (default ${DEFAULT-VALUE} s).")
    double checkBudgetS;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<TestSpec> specs;
        try {
            specs = specs();
        } catch (IllegalArgumentException e) {
            err.println("faultline test: " + e.getMessage() + " (see faultline test --help)");
            err.flush();
            return Main.EXIT_USAGE;
        }
        int worst = Main.EXIT_OK;
        for (TestSpec s : specs) {
            Runner.Outcome o = new Runner(s, System.out, System.console() != null,
                    !"false".equals(System.getProperty("faultline.haltOnHang"))).run();
            worst = worse(worst, o.exitCode());
            if (specs.size() > 1) {
                err.println("faultline test: run " + (specs.indexOf(s) + 1) + "/" + specs.size() + " seed " + s.seed() + ": exit " + o.exitCode());
                err.flush();
            }
        }
        return worst;
    }

    /** The runs' specs; a bad flag is an {@link IllegalArgumentException} naming the valid values (exit 2). */
    List<TestSpec> specs() {
        {
            List<String> nemeses = NemesisPackages.parse(nemesis);
            if (system.equals("kvsrv") && nemesis.trim().equals("all")) {
                nemeses = TestSpec.KVSRV_NEMESES;
            }
            if (testCount < 1 || testCount > 10_000) {
                throw new IllegalArgumentException("--test-count must be in 1..10000, was " + testCount);
            }
            if (!Workloads.NAMES.contains(workload)) {
                throw new IllegalArgumentException("unknown workload '" + workload + "'; valid: " + String.join(", ", Workloads.NAMES));
            }
            if (!RaftFactories.names().contains(raft)) {
                throw new IllegalArgumentException("unknown raft '" + raft + "'; valid: " + String.join(", ", RaftFactories.names()));
            }
            int n = nodes != null ? nodes : system.equals("kvsrv") ? 1 : 5;
            long first = seed != null ? seed : new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
            String command = "faultline " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            List<TestSpec> out = new ArrayList<>();
            for (int i = 0; i < testCount; i++) {
                out.add(new TestSpec(system, variant, raft, workload, backend, n, concurrency, timeLimitS, nemeses, nemesisIntervalS,
                        first + i, opTimeoutMs, maxRaftState, checkBudgetS, 30, store, leaveRunning, command));
            }
            return out;
        }
    }

    /** error 3, then invalid 1, then unknown 2, then valid 0. */
    static int worse(int a, int b) {
        int[] rank = {0, 2, 1, 3};
        return rank[b] > rank[a] ? b : a;
    }
}
