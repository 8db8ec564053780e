package io.faultline.labs.rsm;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.rsm.StateMachine;
import java.util.function.Consumer;

/**
 * The rsm test state machine (Go {@code rsm/server.go}): a counter. Inc increments and returns an
 * {@link IncRep}; Null returns a {@link NullRep}; any other op, Dec included, aborts the test.
 */
public final class CounterSm implements StateMachine {
    public static final byte INC = 1;
    public static final byte NULL = 2;
    public static final byte DEC = 3;

    /** Reply to Inc: the counter after it. */
    public record IncRep(long n) {}

    /** Reply to Null. */
    public record NullRep() {}

    private final Consumer<String> abort;
    private long counter;

    /** {@code abort} fails the run (Go aborts the process). */
    public CounterSm(Consumer<String> abort) {
        this.abort = abort;
    }

    public long counter() {
        return counter;
    }

    @Override
    public Object doOp(byte[] op) {
        if (op.length == 1 && op[0] == INC) {
            counter++;
            return new IncRep(counter);
        }
        if (op.length == 1 && op[0] == NULL) {
            return new NullRep();
        }
        String what = op.length == 1 && op[0] == DEC ? "Dec" : "unknown op of " + op.length + " bytes";
        abort.accept("DoOp: unexpected " + what + " applied (a minority Submit must never commit)");
        return null;
    }

    @Override
    public byte[] snapshot() {
        return new ByteWriter(10).writeVarLong(counter).toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteReader r = new ByteReader(snapshot);
        counter = r.readVarLong();
        r.expectEnd();
    }
}
