package io.faultline.labs.kvsrv;

import io.faultline.labs.runner.RunOutcome;
import io.faultline.sim.SimOptions;
import io.faultline.sim.Simulation;
import io.faultline.sim.SimulationFailure;
import java.util.List;

/** Shared plumbing of the kv-family suites on the simulator: options, one run, its outcome. */
public final class KvRuns {
    /** Go's per-test limit (spec §1.2): 120 virtual seconds. */
    public static final long TEST_TIME_LIMIT_MS = 120_000;
    /** Wall-clock guard per run; generous, as a watchdog failure is not replayable. */
    public static final long WATCHDOG_MS = 600_000;

    /** Logged operations shown with a failure. */
    public static final int TRAIL_OPS = 20;

    private KvRuns() {}

    public static Simulation newSimulation(long seed) {
        SimOptions options = SimOptions.defaults().withTimeLimitNanos(TEST_TIME_LIMIT_MS * 1_000_000L)
                .withWatchdogMillis(WATCHDOG_MS);
        return new Simulation(seed, options);
    }

    /**
     * Runs {@code body} as the main task, then checks {@code history} (if any) for
     * linearizability; the first failure is the run's message.
     */
    public static RunOutcome run(String test, long seed, Simulation sim, Runnable body, KvHistory history) {
        String message = null;
        try {
            sim.run(body::run);
        } catch (SimulationFailure f) {
            message = f.getMessage();
        }
        if (message == null && history != null && history.size() > 0) {
            message = history.check(KvHistory.CHECK_BUDGET_S);
        }
        List<String> trail = message == null || history == null ? List.of() : history.tail(TRAIL_OPS);
        return new RunOutcome(test, seed, message == null, message, sim.nowMillis(), sim.traceHash(),
                sim.network().rpcTotal(), trail);
    }
}
