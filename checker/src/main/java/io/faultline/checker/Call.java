package io.faultline.checker;

import io.faultline.histories.Operation;

/**
 * One operation as the linearizability search sees it, prepared by a {@link Model}: a small
 * integer {@code kind} and up to three arguments, plus whether its result is known. An op with an
 * unknown result ({@link #determinate} false: crashed or timed out) may take effect at any point
 * after its invocation, or never.
 */
public final class Call {
    final Operation source;
    final int kind;
    final Object a;
    final Object b;
    final Object c;
    final boolean determinate;
    final Object key;
    boolean readOnly;
    boolean blind;
    /** Free for the model's own per-call data (for example precomputed pruning facts). */
    private Object aux;
    /** Index within its partition's search (set by the search). */
    int slot;
    long callPos;
    long retPos;

    public Call(Operation source, int kind, Object a, Object b, Object c, boolean determinate, Object key) {
        this.source = source;
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.c = c;
        this.determinate = determinate;
        this.key = key;
        this.callPos = source == null ? 0 : source.invokePos();
        this.retPos = determinate ? (source == null ? Long.MAX_VALUE : source.completionPos()) : Long.MAX_VALUE;
    }

    public Operation source() { return source; }
    public int kind() { return kind; }
    public Object a() { return a; }
    public Object b() { return b; }
    public Object c() { return c; }
    public boolean determinate() { return determinate; }
    public Object key() { return key; }
    public long callPos() { return callPos; }
    public long retPos() { return retPos; }

    /**
     * Declares that this call never changes the state when it is legal (a read). The search then
     * linearizes it as soon as it is legal, without branching: moving a legal read-only op earlier
     * in a linearization keeps every op legal and respects real time.
     */
    public Call readOnly() {
        this.readOnly = true;
        return this;
    }

    /**
     * Declares that this call is legal in every state and its result state does not depend on the
     * state it is applied to (a blind write). An unknown-result call linearized just before it is
     * then pointless, and the search does not try that order.
     */
    public Call blind() {
        this.blind = true;
        return this;
    }

    public boolean isBlind() {
        return blind;
    }

    public Object aux() {
        return aux;
    }

    public void aux(Object value) {
        this.aux = value;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** Overrides the positions (used by tests and by formats whose completions close in place). */
    public Call at(long call, long ret) {
        this.callPos = call;
        this.retPos = determinate ? ret : Long.MAX_VALUE;
        return this;
    }

    @Override
    public String toString() {
        return source == null ? ("call#" + kind + "(" + a + "," + b + ")") : describe(source);
    }

    static String describe(Operation op) {
        StringBuilder sb = new StringBuilder();
        sb.append("process ").append(op.process()).append(' ').append(op.f()).append(' ');
        io.faultline.histories.EdnWriter.value(sb, op.invoke().value());
        if (op.completion() == null) {
            sb.append(" -> (never completed)");
        } else {
            sb.append(" -> ").append(op.completion().type().label()).append(' ');
            io.faultline.histories.EdnWriter.value(sb, op.completion().value());
            if (op.completion().error() != null) {
                sb.append(" error ");
                io.faultline.histories.EdnWriter.value(sb, op.completion().error());
            }
        }
        return sb.toString();
    }
}
