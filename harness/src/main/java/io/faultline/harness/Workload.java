package io.faultline.harness;

import io.faultline.checker.Checker;
import io.faultline.harness.gen.Generator;

/**
 * What the clients do and how the history is judged, independent of backend and system: the op
 * vocabulary ({@code f} and value shapes, documented in the implementing class), the generator of
 * client ops during the run, the final reads after everything healed, and the checker.
 */
public interface Workload {
    String name();

    /** Client ops for the main phase (usually unbounded; the runner adds the time limit). */
    Generator generator();

    /** Client ops after the heal (e.g. one read per key), or null for none. */
    Generator finalGenerator();

    Checker checker();
}
