package io.faultline.labs.runner;

import io.faultline.core.Check;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link LabPlan}: every selected test {@code runs} times, each run with a fresh seed from
 * system entropy (the only nondeterminism), or once with a given seed to replay it. Independent
 * runs go to {@code parallel} threads. Standard output is the report, in a fixed order (so a
 * replay prints exactly the same); its last line is {@code <P> passed, <F> failed}. Progress,
 * with every run's seed and wall time, goes to standard error.
 */
public final class LabRunner {
    public static final int EXIT_PASSED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** Seeds are drawn below this bound so they stay short to type. */
    public static final long SEED_BOUND = 1L << 48;
    public static final int RUNS_MAX = 1_000_000;
    public static final int PARALLEL_MAX = 256;
    public static final int TRAIL_LINES_MAX = 200;

    /**
     * What to run.
     *
     * @param seed       null for fresh seeds; else every selected test runs once with this seed
     * @param parallel   threads for independent runs
     * @param trailLines how many lines of the harness's trail to print under each failure; null
     *                   for the default: {@value #TRAIL_LINES_REPLAY} when replaying a seed, else 0
     */
    public record Request(String suites, String tests, int runs, Long seed, int parallel, LabOptions options,
            Integer trailLines) {
        public Request(String suites, String tests, int runs, Long seed, int parallel, LabOptions options) {
            this(suites, tests, runs, seed, parallel, options, null);
        }

        int trailLinesOrDefault() {
            return trailLines != null ? trailLines : seed != null ? TRAIL_LINES_REPLAY : 0;
        }
    }

    /** Trail lines printed under a failure when replaying one seed. */
    public static final int TRAIL_LINES_REPLAY = 25;

    private LabRunner() {}

    /** Runs {@code request}; returns the exit code (0 all passed, 1 some failed, 2 bad usage). */
    public static int run(Request request, PrintWriter out, PrintWriter err) {
        return run(LabSuites.all(), request, out, err);
    }

    /** Runs {@code request} against the given suites (tests plug in their own). */
    public static int run(List<LabSuite> available, Request request, PrintWriter out, PrintWriter err) {
        LabPlan plan;
        try {
            plan = validate(available, request);
        } catch (LabPlan.UsageException e) {
            err.println("faultline lab: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        List<RunSpec> specs = specs(plan, request);
        out.println(header(plan, request, specs.size()));
        out.flush();
        List<RunOutcome> outcomes = execute(plan, request, specs, err);
        return report(plan, request, specs, outcomes, out);
    }

    private static LabPlan validate(List<LabSuite> available, Request r) throws LabPlan.UsageException {
        if (r.runs() < 1 || r.runs() > RUNS_MAX) {
            throw new LabPlan.UsageException("--runs must be in [1, " + RUNS_MAX + "], was " + r.runs());
        }
        if (r.parallel() < 1 || r.parallel() > PARALLEL_MAX) {
            throw new LabPlan.UsageException("--parallel must be in [1, " + PARALLEL_MAX + "], was " + r.parallel());
        }
        if (r.trailLines() != null && (r.trailLines() < 0 || r.trailLines() > TRAIL_LINES_MAX)) {
            throw new LabPlan.UsageException("--trail must be in [0, " + TRAIL_LINES_MAX + "], was " + r.trailLines());
        }
        if (r.seed() != null && r.runs() != 1) {
            throw new LabPlan.UsageException("--seed replays one run of each selected test; drop --runs");
        }
        return LabPlan.resolve(available, r.suites(), r.tests(), r.options());
    }

    /** One run to do: a test and its seed. */
    private record RunSpec(LabTestInfo test, long seed) {}

    private static List<RunSpec> specs(LabPlan plan, Request r) {
        SecureRandom entropy = r.seed() == null ? new SecureRandom() : null;
        List<RunSpec> specs = new ArrayList<>();
        for (LabTestInfo t : plan.tests()) {
            for (int k = 0; k < r.runs(); k++) {
                long seed = r.seed() != null ? r.seed() : (entropy.nextLong() & (SEED_BOUND - 1));
                specs.add(new RunSpec(t, seed));
            }
        }
        return specs;
    }

    private static String header(LabPlan plan, Request r, int total) {
        String suites = String.join(",", plan.suites().stream().map(LabSuite::name).toList());
        String raft = r.options().raftName() == null ? "" : ", raft=" + r.options().raftName();
        String seeds = r.seed() == null ? "fresh seeds from system entropy (each is on stderr; failures below)"
                : "seed " + r.seed();
        return String.format("lab %s: %d tests x %d runs = %d runs%s, %s", suites, plan.tests().size(), r.runs(),
                total, raft, seeds);
    }

    private static List<RunOutcome> execute(LabPlan plan, Request r, List<RunSpec> specs, PrintWriter err) {
        int threads = Math.min(r.parallel(), specs.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread th = new Thread(runnable, "lab-run");
            th.setDaemon(true);
            return th;
        });
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long wallStart = System.nanoTime();
        try {
            List<Future<RunOutcome>> futures = new ArrayList<>();
            for (RunSpec spec : specs) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    RunOutcome o = runOne(plan, spec, r.options());
                    int d = done.incrementAndGet();
                    int f = o.passed() ? failed.get() : failed.incrementAndGet();
                    err.printf("[%d/%d] %s seed %d %s (%.1f s virtual, %.2f s wall; %d failed so far, %.0f s elapsed)%n",
                            d, specs.size(), spec.test().name(), spec.seed(), o.passed() ? "passed" : "FAILED",
                            o.virtualMs() / 1000.0, (System.nanoTime() - t0) / 1e9, f,
                            (System.nanoTime() - wallStart) / 1e9);
                    err.flush();
                    return o;
                }));
            }
            List<RunOutcome> outcomes = new ArrayList<>();
            long virtualMs = 0;
            for (Future<RunOutcome> fu : futures) {
                RunOutcome o = fu.get();
                outcomes.add(o);
                virtualMs += o.virtualMs();
            }
            double wallS = (System.nanoTime() - wallStart) / 1e9;
            err.printf("done: %d runs on %d threads in %.1f s wall, %.0f s virtual (%.0fx real time)%n",
                    specs.size(), threads, wallS, virtualMs / 1000.0, virtualMs / 1000.0 / Math.max(wallS, 1e-3));
            err.flush();
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running lab tests", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("lab runner failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one test; an exception escaping the suite is a failed run, not a crash of the runner. */
    private static RunOutcome runOne(LabPlan plan, RunSpec spec, LabOptions options) {
        try {
            RunOutcome o = plan.suiteOf(spec.test()).run(spec.test().name(), spec.seed(), options);
            Check.that(o.seed() == spec.seed(), "suite returned the outcome of another seed");
            return o;
        } catch (RuntimeException | StackOverflowError e) {
            return new RunOutcome(spec.test().name(), spec.seed(), false, "harness error: " + e, 0, 0, 0, List.of());
        }
    }

    private static int report(LabPlan plan, Request r, List<RunSpec> specs, List<RunOutcome> outcomes, PrintWriter out) {
        int width = 4;
        for (LabTestInfo t : plan.tests()) {
            width = Math.max(width, t.name().length());
        }
        out.printf("%-" + width + "s  %6s  %6s%n", "test", "passed", "failed");
        int passedTotal = 0;
        int failedTotal = 0;
        for (LabTestInfo t : plan.tests()) {
            int p = 0;
            int f = 0;
            for (RunOutcome o : outcomes) {
                if (o.test().equals(t.name())) {
                    if (o.passed()) {
                        p++;
                    } else {
                        f++;
                    }
                }
            }
            out.printf("%-" + width + "s  %6d  %6d%n", t.name(), p, f);
            passedTotal += p;
            failedTotal += f;
        }
        for (int k = 0; k < outcomes.size(); k++) {
            RunOutcome o = outcomes.get(k);
            if (r.seed() != null) {
                out.printf("%s seed %d: %s at %.3f s virtual, %d RPCs, trace %016x%n", o.test(), o.seed(),
                        o.passed() ? "passed" : "FAILED", o.virtualMs() / 1000.0, o.rpcs(), o.traceHash());
            }
            if (!o.passed()) {
                out.printf("FAIL %s seed %d: %s%n", o.test(), o.seed(), o.message());
                out.println("  replay: " + replayCommand(specs.get(k).test().suite(), o, r.options()));
                List<String> trail = o.trail();
                int from = Math.max(0, trail.size() - r.trailLinesOrDefault());
                if (from < trail.size()) {
                    out.println("  last steps before the failure (virtual time):");
                    for (String line : trail.subList(from, trail.size())) {
                        out.println("    " + line);
                    }
                }
            }
        }
        out.printf("%d passed, %d failed%n", passedTotal, failedTotal);
        out.flush();
        return failedTotal == 0 ? EXIT_PASSED : EXIT_FAILED;
    }

    /** The one-line command that replays {@code o} exactly. */
    public static String replayCommand(String suite, RunOutcome o, LabOptions options) {
        String raft = options.raftName() == null ? "" : " --raft " + options.raftName();
        return "./faultline lab " + suite + " --test " + o.test() + " --seed " + o.seed() + raft;
    }
}
