package io.faultline.jepsen;

import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Step;
import java.util.function.Supplier;

/**
 * A generator built when it is first asked for an op, e.g. the final reads, which depend on the
 * keys the main phase used. Each time this value is asked it builds again (the steps it returns
 * carry the built generator's successors), so the supplier must give equal generators when nothing
 * changed in between.
 */
final class Deferred implements Generator {
    private final Supplier<Generator> build;

    Deferred(Supplier<Generator> build) {
        this.build = build;
    }

    @Override
    public Step op(Context ctx) {
        Generator g = build.get();
        return g == null ? null : g.op(ctx);
    }
}
