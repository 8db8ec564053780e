package io.faultline.workloads;

import io.faultline.checker.Checker;
import io.faultline.checker.basic.Compose;
import io.faultline.checker.basic.SetFull;
import io.faultline.checker.basic.Stats;
import io.faultline.checker.basic.UnhandledExceptions;
import io.faultline.core.Check;
import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import java.util.Arrays;
import java.util.List;

/**
 * A grow-only set in one key ({@link KvClient#SET_KEY}): {@code add e} with e = 0, 1, 2, ... (each
 * once), and now and then a {@code read} of the whole set; after the heal, {@link #FINAL_READS}
 * reads. Judged by Jepsen's set-full analysis ({@link SetFull}: an acknowledged add that a later
 * read misses for good is lost), plus stats and unhandled exceptions.
 */
public final class SetWorkload implements KvWorkload {
    public static final int FINAL_READS = 3;

    private final double readShare;

    public SetWorkload(double readShare) {
        Check.that(readShare > 0 && readShare < 1, "readShare must be in (0, 1), was %s", readShare);
        this.readShare = readShare;
    }

    /** One read per ten ops. */
    public static SetWorkload defaults() {
        return new SetWorkload(0.1);
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Generator generator() {
        return new Gen(0);
    }

    @Override
    public Generator finalGenerator() {
        return new FinalReads("read", Arrays.asList(new Object[FINAL_READS]));
    }

    @Override
    public Checker checker() {
        return new Compose("set", List.of(new SetFull(), new Stats(), new UnhandledExceptions()));
    }

    private final class Gen extends ClientOps {
        private final long nextElement;

        Gen(long nextElement) {
            this.nextElement = nextElement;
        }

        @Override
        Next next(Context ctx) {
            if (ctx.rng().chance(readShare)) {
                return new Next("read", null, this);
            }
            return new Next("add", nextElement, new Gen(nextElement + 1));
        }
    }
}
