package io.faultline.workloads;

import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Invocation;
import io.faultline.harness.gen.Step;
import java.util.Map;

/**
 * The base of the workloads' generators: an unbounded stream of client ops, one for the first free
 * client thread each time it is asked (never the nemesis). Subclasses are immutable values: {@link #next}
 * says which op and the generator after it, {@link #observe} folds a recorded event into a new value.
 */
abstract class ClientOps implements Generator {
    /** The {@code f} and value of the next op, and this generator's successor. */
    record Next(String f, Object value, ClientOps successor) {}

    abstract Next next(Context ctx);

    /** The generator after {@code event}; this one when the event changes nothing. */
    ClientOps observe(io.faultline.histories.Op event) {
        return this;
    }

    @Override
    public final Step op(Context ctx) {
        for (Object thread : ctx.freeThreads()) {
            if (thread instanceof Integer) {
                Next n = next(ctx);
                return Step.emit(new Invocation(ctx.nowNs(), ctx.processOf(thread), n.f(), n.value()), n.successor());
            }
        }
        return Step.pending(this);
    }

    @Override
    public final Generator update(Context ctx, io.faultline.histories.Op event) {
        return observe(event);
    }

    /** A field of a completion's value map (string keys, as clients and the JSON reader build them). */
    static Object field(Object value, String name) {
        return value instanceof Map ? ((Map<?, ?>) value).get(name) : null;
    }
}
