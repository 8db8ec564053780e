package io.faultline.harness.gen;

import io.faultline.core.Check;

/** One result of {@link Generator#op}: an invocation to perform (or pending when {@code op} is null) and the successor. */
public record Step(Invocation op, Generator next) {
    public Step {
        Check.notNull(next, "next");
    }

    public static Step emit(Invocation op, Generator next) {
        return new Step(Check.notNull(op, "op"), next);
    }

    public static Step pending(Generator next) {
        return new Step(null, next);
    }

    public boolean isPending() {
        return op == null;
    }
}
