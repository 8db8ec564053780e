package io.faultline.labs.runner;

/**
 * The result of one run of one test.
 *
 * @param message   why it failed (null when it passed)
 * @param virtualMs virtual time the run took
 * @param traceHash a hash of what happened (applies, and the simulator's own trace), for
 *                  determinism checks: the same seed must give the same hash
 * @param rpcs      RPCs that entered the network
 */
public record RunOutcome(String test, long seed, boolean passed, String message, long virtualMs, long traceHash,
        long rpcs) {}
