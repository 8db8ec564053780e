package io.faultline.labs.runner;

import java.util.List;

/**
 * The result of one run of one test.
 *
 * @param message   why it failed (null when it passed)
 * @param virtualMs virtual time the run took
 * @param traceHash a hash of what happened (applies, and the simulator's own trace), for
 *                  determinism checks: the same seed must give the same hash
 * @param rpcs      RPCs that entered the network
 * @param trail     for a failed run, what the harness did and saw before the failure (oldest
 *                  first, bounded); empty for a passed run
 */
public record RunOutcome(String test, long seed, boolean passed, String message, long virtualMs, long traceHash,
        long rpcs, List<String> trail) {
    public RunOutcome {
        trail = List.copyOf(trail);
    }

    /** An outcome without a trail (suites that keep none). */
    public RunOutcome(String test, long seed, boolean passed, String message, long virtualMs, long traceHash, long rpcs) {
        this(test, seed, passed, message, virtualMs, traceHash, rpcs, List.of());
    }
}
