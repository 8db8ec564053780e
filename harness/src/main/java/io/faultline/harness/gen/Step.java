package io.faultline.harness.gen;

import io.faultline.core.Check;

/**
 * One result of {@link Generator#op}: an invocation to perform (or pending when {@code op} is null) and the successor.
 * A pending step may say when it wants to be asked again ({@code wakeNs}, ns since the test started; {@link #NO_WAKE}
 * when only a completion can change its answer): the interpreter asks again at that time or at the next event.
 */
public record Step(Invocation op, Generator next, long wakeNs) {
    /** The wake time of a step that waits for an event only. */
    public static final long NO_WAKE = Long.MAX_VALUE;

    public Step {
        Check.notNull(next, "next");
    }

    public Step(Invocation op, Generator next) {
        this(op, next, NO_WAKE);
    }

    public static Step emit(Invocation op, Generator next) {
        return new Step(Check.notNull(op, "op"), next);
    }

    public static Step pending(Generator next) {
        return new Step(null, next);
    }

    /** Pending, asking to be asked again at {@code wakeNs} at the latest. */
    public static Step pendingUntil(long wakeNs, Generator next) {
        return new Step(null, next, wakeNs);
    }

    public boolean isPending() {
        return op == null;
    }
}
