package io.faultline.harness.gen;

/**
 * A pure generator of operations, after Jepsen's generator protocol. A generator is an immutable
 * value: {@link #op} says what to do next and returns the generator to use after it;
 * {@link #update} returns the generator to use after the interpreter recorded an event. Nothing in
 * a generator sleeps, reads the clock or owns a thread: time and randomness come from the
 * {@link Context}, so the same generator runs unchanged in real time and on the simulator.
 */
public interface Generator {
    /**
     * The next step for this context: {@code null} when the generator is exhausted; otherwise a
     * {@link Step} holding either an invocation (whose {@code timeNs} may lie in the future: the
     * interpreter waits until then) or "pending" (nothing can be emitted now, e.g. every thread it
     * may use is busy), and in both cases the generator to use next.
     */
    Step op(Context ctx);

    /** The generator after {@code event} (an invocation or a completion) was recorded. */
    default Generator update(Context ctx, io.faultline.histories.Op event) {
        return this;
    }
}
