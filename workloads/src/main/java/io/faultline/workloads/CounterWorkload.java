package io.faultline.workloads;

import io.faultline.checker.Checker;
import io.faultline.checker.basic.Compose;
import io.faultline.checker.basic.Counter;
import io.faultline.checker.basic.Stats;
import io.faultline.checker.basic.UnhandledExceptions;
import io.faultline.core.Check;
import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import java.util.Arrays;
import java.util.List;

/**
 * A counter in one key ({@link KvClient#COUNTER_KEY}): {@code add n} (n in 1..5) by versioned
 * read-modify-write, and now and then a {@code read}; after the heal, {@link #FINAL_READS} reads.
 * Judged by {@link Counter} (each ok read within the bounds the adds allow), plus stats and
 * unhandled exceptions.
 */
public final class CounterWorkload implements KvWorkload {
    public static final int FINAL_READS = 3;
    public static final int DELTA_MAX = 5;

    private final double readShare;

    public CounterWorkload(double readShare) {
        Check.that(readShare > 0 && readShare < 1, "readShare must be in (0, 1), was %s", readShare);
        this.readShare = readShare;
    }

    /** One read per four ops. */
    public static CounterWorkload defaults() {
        return new CounterWorkload(0.25);
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public Generator generator() {
        return new Gen();
    }

    @Override
    public Generator finalGenerator() {
        return new FinalReads("read", Arrays.asList(new Object[FINAL_READS]));
    }

    @Override
    public Checker checker() {
        return new Compose("counter", List.of(new Counter(), new Stats(), new UnhandledExceptions()));
    }

    private final class Gen extends ClientOps {
        @Override
        Next next(Context ctx) {
            if (ctx.rng().chance(readShare)) {
                return new Next("read", null, this);
            }
            return new Next("add", ctx.rng().between(1, DELTA_MAX), this);
        }
    }
}
