package io.faultline.histories;

/**
 * An invocation paired with its completion. {@code completion} is null when the op never
 * completed (crashed); then {@link #outcome()} is {@link OpType#INFO} and {@code completionPos}
 * is {@link Integer#MAX_VALUE}. Positions are indexes into {@link History#ops()}.
 */
public record Operation(Op invoke, Op completion, int invokePos, int completionPos) {

    /** OK, FAIL or INFO (INFO also when the op never completed). */
    public OpType outcome() {
        return completion == null ? OpType.INFO : completion.type();
    }

    public boolean crashed() {
        return outcome() == OpType.INFO;
    }

    public Object process() {
        return invoke.process();
    }

    public String f() {
        return invoke.f();
    }

    /** The completion's value when the op completed ok, else the invocation's value. */
    public Object value() {
        return completion != null && completion.type() == OpType.OK ? completion.value() : invoke.value();
    }
}
