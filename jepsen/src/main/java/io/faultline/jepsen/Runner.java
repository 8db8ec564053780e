package io.faultline.jepsen;

import io.faultline.backend.sim.SimBackend;
import io.faultline.backend.sim.SimBackendOptions;
import io.faultline.checker.CheckResult;
import io.faultline.core.Rng;
import io.faultline.faults.FaultsJsonl;
import io.faultline.faults.Nemesis;
import io.faultline.faults.NemesisPackage;
import io.faultline.faults.NemesisPackages;
import io.faultline.faults.local.Iptables;
import io.faultline.harness.TestBackend;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Generators;
import io.faultline.harness.interp.Env;
import io.faultline.harness.interp.Interpreter;
import io.faultline.harness.interp.LocalEnv;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import io.faultline.workloads.KvClient;
import io.faultline.workloads.KvWorkload;
import io.faultline.workloads.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@code faultline test} run: cleans up after a crashed earlier harness, creates the run's
 * store directory, then setup (start nodes, wait for a leader) → run (client ops of the workload
 * and the nemesis schedule, for the time limit) → heal (the {@code heal-all} nemesis op: every
 * fault ended, a leader again) → final reads → check (the workload's checker within a budget) →
 * results.json, history.edn, linear.html, report.html, test.json, store/latest. Every phase has a
 * watchdog ({@link Monitor}); an overrun ends the run with exit 3 after cleaning up.
 * Exit codes: 0 valid, 1 invalid, 2 unknown, 3 harness error.
 */
public final class Runner {
    static final long LEADER_WAIT_MS = 30_000;
    static final long RECOVERY_MS = 60_000;
    static final int FINAL_READS_S = 30;
    static final long HANG_GRACE_MS = 30_000;

    /**
     * The node transport's connection notices (a killed node resets connections all the time under
     * faults) would bury the progress line; the harness keeps their warnings only. Held strongly so
     * the level sticks.
     */
    private static final java.util.logging.Logger TRANSPORT_LOG = quiet("io.faultline.vertx");
    private static final java.util.logging.Logger VERTX_LOG = quiet("io.vertx");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    /** What a run ended with: its exit code, its directory (null if none was created) and a one-line summary. */
    public record Outcome(int exitCode, Path runDir, String summary) {}

    private final TestSpec spec;
    private final PrintStream out;
    private final boolean terminal;
    private final boolean haltOnHang;
    private final Leftovers leftovers = Leftovers.standard();

    private volatile String phase = "setup";
    private volatile long phaseStartMs = System.currentTimeMillis();
    /** Env time (ns) at which the run phase began; -1 before. Virtual time on the simulator. */
    private volatile long runStartEnvNs = -1;
    private final AtomicReference<Interpreter> interpreter = new AtomicReference<>();
    /** Nodes that stopped on their own, as the backend reported them after the final reads. */
    private final AtomicReference<List<String>> nodeFailures = new AtomicReference<>(List.of());
    private final AtomicReference<Env> envRef = new AtomicReference<>();
    private volatile TestBackend backend;

    /** @param haltOnHang whether a run still stuck after its watchdog fired may halt the JVM (the CLI: yes; tests: no) */
    public Runner(TestSpec spec, PrintStream out, boolean terminal, boolean haltOnHang) {
        this.spec = spec;
        this.out = out;
        this.terminal = terminal;
        this.haltOnHang = haltOnHang;
    }

    public Outcome run() throws IOException {
        List<String> cleaned = cleanupLeftovers();
        Instant start = Instant.now();
        RunStore store = RunStore.create(spec.store(), spec.name(), start);
        Map<String, Object> testJson = spec.toJson();
        testJson.put("partitionMechanism", spec.backend().equals("sim") ? "sim" : Iptables.usable() ? "iptables" : "transport-filter");
        testJson.put("startTime", start.toString());
        testJson.put("versions", Map.of("faultline", version(), "java", System.getProperty("java.version")));
        testJson.put("pid", ProcessHandle.current().pid());
        testJson.put("runDir", store.dir().toString());
        store.writeJson("test.json", testJson);
        try {
            store.markLatest();
        } catch (RuntimeException e) {
            out.println("faultline: " + e.getMessage());
        }
        KvWorkload workload = Workloads.byName(spec.workload());
        try (RunLog log = new RunLog(store.append("run.log"), out, terminal);
             JsonlSink jsonl = new JsonlSink(store.append("history.jsonl"));
             FaultsJsonl faultLog = new FaultsJsonl(store.file("faults.jsonl"), this::envNanos)) {
            cleaned.forEach(log::info);
            log.info("faultline test " + spec.name() + " seed " + spec.seed() + " -> " + store.dir());
            CountingSink sink = new CountingSink(op -> {
                jsonl.record(op);
                followPhase(op);
            });
            Monitor monitor = new Monitor(monitorSource(sink, faultLog), store, log, spec.timeLimitS(), phaseLimitsMs(),
                    this::onOverrun, () -> onHang(store, log), HANG_GRACE_MS);
            String error = null;
            long runMs = 0;
            monitor.start();
            try {
                backend = newBackend(store);
                long t0 = System.nanoTime();
                try {
                    backend.run(env -> body(env, workload, sink, faultLog, log, monitor));
                } finally {
                    runMs = (System.nanoTime() - t0) / 1_000_000;
                    backend.close();
                    if (spec.leaveRunning() && backend instanceof LocalBackend) {
                        log.info("--leave-running: nodes keep running (pids in " + leftovers.dir() + "); data in "
                                + ((LocalBackend) backend).dataDir());
                    }
                }
            } catch (Exception | Error e) {
                error = describe(e);
            }
            if (monitor.overrun() != null) {
                error = "phase " + monitor.overrun() + " overran its watchdog limit" + (error == null ? "" : " (" + error + ")");
            }
            int code;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("name", spec.name());
            extra.put("seed", spec.seed());
            if (error != null) {
                log.info("harness error: " + error);
                setPhase("error", monitor);
                code = 3;
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("valid", "unknown");
                r.put("checker", "harness");
                r.put("summary", "harness error: " + error);
                r.put("error", error);
                r.putAll(extra);
                store.writeJson("results.json", r);
            } else {
                jsonl.close();
                setPhase("check", monitor);
                StoredHistory h = StoredHistory.read(store.file("history.jsonl"));
                testJson.put("nodeFailures", nodeFailures.get());
                CheckResult result = Verdict.checkAndWrite(store, Verdict.withNodeFailures(workload.checker(), nodeFailures.get()),
                        h.history(), spec.checkBudgetS(), runMs, extra);
                code = Verdict.exitCode(result.valid());
                log.info("verdict: " + result.valid().label() + " (" + result.summary() + ")");
                setPhase("done", monitor);
            }
            monitor.close();
            writeReport(store, log);
            Instant end = Instant.now();
            testJson.put("endTime", end.toString());
            testJson.put("durationMs", Duration.between(start, end).toMillis());
            testJson.put("exitCode", code);
            store.writeJson("test.json", testJson);
            log.endProgress();
            String summary = summary(store, code, sink.counts(), faultLog.lines());
            log.info(summary);
            return new Outcome(code, store.dir(), summary);
        }
    }

    private void body(Env env, KvWorkload workload, CountingSink sink, FaultsJsonl faultLog, RunLog log, Monitor monitor)
            throws Exception {
        envRef.set(env);
        setPhase("setup", monitor);
        log.info("setup: starting " + spec.nodes() + " " + spec.system() + " nodes (" + spec.backend() + ")");
        backend.startNodes();
        HealingNemesis probe = new HealingNemesis(null, backend.faults(), env, false, 0);
        boolean needsLeader = spec.system().equals("kvraft");
        if (needsLeader) {
            String leader = probe.awaitLeader(env.nowNanos() + LEADER_WAIT_MS * 1_000_000L);
            if (leader == null) {
                throw new IllegalStateException("no leader within " + LEADER_WAIT_MS / 1000 + " s after the nodes started");
            }
            log.info("setup: leader " + leader);
        }
        List<NemesisPackage> packages = spec.nemeses().isEmpty() ? List.of()
                : NemesisPackages.packages(String.join(",", spec.nemeses()), spec.nodes());
        Rng rng = new Rng(spec.seed());
        Nemesis nemesis = packages.isEmpty() ? null
                : NemesisPackages.nemesis(packages, backend.faults(), faultLog, rng.fork("nemesis"), env::sleepNanos);
        HealingNemesis healing = new HealingNemesis(nemesis, backend.faults(), env, needsLeader, RECOVERY_MS);
        long clientTimeoutMs = clientTimeoutMs();
        long plannedNs = (spec.timeLimitS() + FINAL_READS_S) * 1_000_000_000L + RECOVERY_MS * 2_000_000L;
        Interpreter.Options options = Interpreter.Options.defaults(spec.concurrency())
                .withOpTimeoutMs(clientTimeoutMs)
                .withNemesisTimeoutMs(RECOVERY_MS * 3)
                .withStopGraceMs(2_000)
                .withHardDeadlineNs(env.nowNanos() + plannedNs + 120_000_000_000L)
                .withLog(log::info);
        Interpreter interp = new Interpreter(env, workload.clients(backend.clerks(), spec.opTimeoutMs()), healing, sink,
                rng.fork("interpreter"), spec.nodeNames(), options);
        interpreter.set(interp);
        Generator clients = workload.generator();
        Generator main = Generators.timeLimit(spec.timeLimitS() * 1_000_000_000L, packages.isEmpty()
                ? Generators.clients(clients)
                : Generators.clients(clients, new NemesisSchedule(packages, (long) (spec.nemesisIntervalS() * 1e9))));
        Generator whole = Generators.phases(main,
                Generators.nemesis(Generators.op(HealingNemesis.HEAL_ALL, null)),
                Generators.clients(Generators.timeLimit(FINAL_READS_S * 1_000_000_000L, new Deferred(workload::finalGenerator))));
        runStartEnvNs = env.nowNanos();
        setPhase("run", monitor);
        log.info("run: " + spec.timeLimitS() + " s of " + spec.workload() + " with " + spec.concurrency() + " clients, nemeses "
                + (packages.isEmpty() ? "none" : String.join(",", spec.nemeses())) + " every " + spec.nemesisIntervalS() + " s");
        Interpreter.Result r;
        try {
            r = interp.run(whole);
        } finally {
            healing.close(); // ends what the heal could not, releases the nemesis's helpers
        }
        if (r.stopped()) {
            throw new IllegalStateException("the run was stopped before its end (watchdog or deadline)");
        }
        log.info("final reads done: " + r.invocations() + " invocations, " + r.ok() + " ok, " + r.fail() + " fail, "
                + r.info() + " info (" + r.timeouts() + " timed out)");
        List<String> failures = backend.nodeFailures();
        nodeFailures.set(failures);
        for (String f : failures) {
            log.info("node failure (the node stopped on its own): " + Verdict.firstLine(f));
        }
    }

    /** The phase follows the history: the heal-all op opens the heal, its completion the final reads. */
    private void followPhase(Op op) {
        if (HealingNemesis.HEAL_ALL.equals(op.f()) && !op.isClient()) {
            if (op.type() == OpType.INVOKE) {
                setPhase("heal", null);
            } else {
                setPhase("final-reads", null);
            }
        }
    }

    private void setPhase(String p, Monitor monitor) {
        phase = p;
        phaseStartMs = System.currentTimeMillis();
        if (monitor != null) {
            try {
                monitor.writeProgress(p);
            } catch (RuntimeException e) {
                // progress is advisory; the next tick tries again
            }
        }
    }

    /** How long the interpreter lets one client op run: a register op is two clerk deadlines, a read-modify-write up to 2 per attempt. */
    private long clientTimeoutMs() {
        return spec.workload().equals("register") ? spec.opTimeoutMs() * 2 + 1_000
                : spec.opTimeoutMs() * 2L * KvClient.RMW_ATTEMPTS_MAX + 1_000;
    }

    private Map<String, Long> phaseLimitsMs() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("setup", 60_000L + 45_000L * spec.nodes());
        m.put("run", spec.timeLimitS() * 1_000L + clientTimeoutMs() + 60_000L);
        m.put("heal", RECOVERY_MS * 3 + 30_000L);
        m.put("final-reads", FINAL_READS_S * 1_000L + clientTimeoutMs() + 60_000L);
        m.put("check", (long) (spec.checkBudgetS() * 1000) + 60_000L);
        for (Map.Entry<String, Long> e : m.entrySet()) { // -Dfaultline.watchdog.<phase>Ms overrides (tests)
            e.setValue(Long.getLong("faultline.watchdog." + e.getKey() + "Ms", e.getValue()));
        }
        return m;
    }

    private Monitor.Source monitorSource(CountingSink sink, FaultsJsonl faultLog) {
        return new Monitor.Source() {
            @Override
            public String phase() {
                return phase;
            }

            @Override
            public long phaseElapsedMs() {
                return System.currentTimeMillis() - phaseStartMs;
            }

            @Override
            public long runElapsedMs() {
                long start = runStartEnvNs;
                return start < 0 ? 0 : Math.max(0, (envNanos() - start) / 1_000_000);
            }

            @Override
            public long[] counts() {
                return sink.counts();
            }

            @Override
            public List<String> activeFaults() {
                return faultLog.active();
            }

            @Override
            public void tick() {
                if (backend instanceof LocalBackend) {
                    String err = ((LocalBackend) backend).recordPids();
                    if (err != null) {
                        throw new IllegalStateException(err);
                    }
                }
            }
        };
    }

    private void onOverrun() {
        Interpreter i = interpreter.get();
        if (i != null) {
            i.stop();
        }
        if (!phase.equals("run") && !phase.equals("check")) {
            TestBackend b = backend;
            if (b != null) {
                b.close(); // kills the nodes: calls blocked on them fail and the runner moves on
            }
        }
    }

    private void onHang(RunStore store, RunLog log) {
        TestBackend b = backend;
        if (b != null) {
            b.close();
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("valid", "unknown");
        r.put("checker", "harness");
        r.put("summary", "harness error: phase " + phase + " hung after its watchdog fired");
        store.writeJson("results.json", r);
        if (haltOnHang) {
            log.info("exit 3");
            log.close();
            out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    private TestBackend newBackend(RunStore store) throws IOException {
        if (spec.backend().equals("sim")) {
            SimBackendOptions o = SimBackendOptions.of(spec.system(), spec.nodes(), spec.seed())
                    .withVariant(spec.systemVariantLabel()).withRaft(spec.raft()).withMaxRaftState(spec.maxRaftState());
            return new SimBackend(o);
        }
        return new LocalBackend(spec, store, new LocalEnv(), leftovers);
    }

    /** Kills node processes of dead harnesses, deletes their data, and removes iptables chains whose harness is gone. */
    private List<String> cleanupLeftovers() {
        List<String> notes = new ArrayList<>();
        try {
            notes.addAll(leftovers.cleanup());
        } catch (IOException e) {
            notes.add("cannot clean up leftover nodes in " + leftovers.dir() + ": " + e.getMessage());
        }
        if (spec.backend().equals("local") && Iptables.usable()) { // only chains whose harness is gone
            for (String chain : Iptables.removeLeftovers()) {
                notes.add("removed the iptables chain " + chain + " left by a dead harness");
            }
        }
        return notes;
    }

    private long envNanos() {
        Env e = envRef.get();
        return e == null ? 0 : e.nowNanos();
    }

    private void writeReport(RunStore store, RunLog log) {
        String why = Reports.write(store.dir());
        if (why != null) {
            log.info(why);
        }
    }

    private String summary(RunStore store, int code, long[] counts, long faultLines) {
        String verdict = code == 0 ? "valid" : code == 1 ? "INVALID" : code == 2 ? "unknown" : "harness error";
        return String.format("%s: %d ops (ok %d, fail %d, info %d), %d fault changes; store %s; exit %d", verdict,
                counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2], faultLines, store.dir(), code);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getName() : m;
    }

    static String version() {
        String v = Runner.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
