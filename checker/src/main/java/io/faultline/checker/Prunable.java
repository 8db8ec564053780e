package io.faultline.checker;

import java.util.List;
import java.util.function.Predicate;

/**
 * An optional capability of a {@link Model}: a test that a pending read-only call can still become
 * legal from a state by some future steps. The search abandons a configuration in which a pending
 * read-only call can never become legal. The test may answer true when unsure, never false wrongly.
 */
public interface Prunable {
    /** Tests reachability of read-only calls for one partition. */
    interface Reach {
        /**
         * False only if {@code readOnly} can never become legal from {@code state}, given which
         * calls are already linearized ({@code linearized}).
         */
        boolean mayReach(Object state, Call readOnly, Predicate<Call> linearized);
    }

    /** The test for one partition's calls, or null when none applies to them. */
    Reach reachability(List<Call> calls);
}
