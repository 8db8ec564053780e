package io.faultline.checker;

import io.faultline.histories.Operation;

/**
 * A sequential specification for the linearizability checker. States are immutable values with
 * {@code equals}/{@code hashCode} (null allowed).
 */
public interface Model {
    /** A name such as {@code cas-register}, shown in results. */
    String name();

    Object init();

    /**
     * Translates a paired operation into a {@link Call}, or returns null when the operation cannot
     * affect the verdict (a failed op that did not happen, a read with an unknown result, a
     * wildcard read). Throws IllegalArgumentException for an op this model does not understand.
     */
    Call prepare(Operation op);

    /** The state after {@code call}, or null when the call is illegal in {@code state}. */
    Object step(Object state, Call call);

    /** A state to show to people. */
    default String describe(Object state) {
        return io.faultline.histories.EdnWriter.text(state);
    }
}
