package io.faultline.labs;

import io.faultline.core.Rng;

/**
 * Time, concurrency and randomness as a lab scenario sees them. The simulator implements it in
 * virtual time with cooperative tasks; a real runtime would implement it with threads and the
 * monotonic clock. Scenarios use nothing else to wait, branch at random or run concurrently, so
 * the same scenario code runs on both.
 */
public interface LabEnv {
    /** Milliseconds since the test began (virtual on the simulator). */
    long nowMs();

    /** Blocks the calling task for {@code ms}; rethrows a failure another task has recorded. */
    void sleepMs(long ms);

    /** Runs {@code body} as a concurrent task of this test; its failure fails the test. */
    LabTask spawn(String name, Runnable body);

    /** The test's seeded random source (the only randomness scenarios may use). */
    Rng random();

    /**
     * Records the test's failure (the first one wins) and returns the exception to throw:
     * {@code throw env.fail("...")}. Other tasks see it at their next {@link #sleepMs}.
     */
    LabFailure fail(String message);
}
