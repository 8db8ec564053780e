package io.faultline.harness.gen;

import io.faultline.core.Check;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The leaf generators and the wrappers of one generator; built through {@link Generators}. */
final class Primitives {
    private Primitives() {
    }

    /**
     * Fills in a template: the time becomes at least now; a missing process becomes a random free thread's process
     * (a client thread when the context has any, else the nemesis). Null when no suitable thread is free (or the
     * template names a process that is not free here).
     */
    static Invocation fill(Context ctx, Invocation t) {
        long time = Math.max(t.timeNs(), ctx.nowNs());
        if (Generators.LOG_PROCESS.equals(t.process())) {
            return t.timeNs() == time ? t : t.withTime(time);
        }
        Object p = t.process() instanceof Integer ? (Object) ((Integer) t.process()).longValue() : t.process();
        if (p == null) {
            p = Generators.someFreeProcess(ctx);
            if (p == null) {
                return null;
            }
        } else {
            Object thread = ctx.threadOf(p);
            if (thread == null || !ctx.freeThreads().contains(thread)) {
                return null;
            }
        }
        return new Invocation(time, p, t.f(), t.value());
    }

    /** {@code a + b} for non-negative {@code b}, saturating at {@code Long.MAX_VALUE}. */
    static long plus(long a, long b) {
        long s = a + b;
        return s < a ? Long.MAX_VALUE : s;
    }

    static long minWake(long a, long b) {
        return Math.min(a, b);
    }

    enum Empty implements Generator {
        INSTANCE;

        @Override
        public Step op(Context ctx) {
            return null;
        }
    }

    /** Emits its template once (Jepsen's map as a generator). */
    record Once(Invocation template) implements Generator {
        @Override
        public Step op(Context ctx) {
            Invocation inv = fill(ctx, template);
            return inv == null ? Step.pending(this) : Step.emit(inv, Empty.INSTANCE);
        }
    }

    /** Calls its function for each op until it returns null. */
    record Fn(Function<Context, Invocation> f) implements Generator {
        @Override
        public Step op(Context ctx) {
            if (Generators.freeTargets(ctx).isEmpty()) {
                return Step.pending(this);
            }
            Invocation t = f.apply(ctx);
            if (t == null) {
                return null;
            }
            Invocation inv = fill(ctx, t);
            return inv == null ? Step.pending(this) : Step.emit(inv, this);
        }
    }

    record Log(String message) implements Generator {
        @Override
        public Step op(Context ctx) {
            return Step.emit(new Invocation(ctx.nowNs(), Generators.LOG_PROCESS, "log", message), Empty.INSTANCE);
        }
    }

    /** Pending until {@code dtNs} after it is first asked, then exhausted. */
    record Sleep(long dtNs, long wakeNs) implements Generator {
        @Override
        public Step op(Context ctx) {
            long wake = wakeNs == Long.MIN_VALUE ? plus(ctx.nowNs(), dtNs) : wakeNs;
            return ctx.nowNs() >= wake ? null : Step.pendingUntil(wake, new Sleep(dtNs, wake));
        }
    }

    record Limit(long remaining, Generator gen) implements Generator {
        @Override
        public Step op(Context ctx) {
            if (remaining <= 0) {
                return null;
            }
            Step s = gen.op(ctx);
            if (s == null) {
                return null;
            }
            return s.isPending() ? Step.pendingUntil(s.wakeNs(), new Limit(remaining, s.next()))
                    : Step.emit(s.op(), new Limit(remaining - 1, s.next()));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new Limit(remaining, gen.update(ctx, event));
        }
    }

    /**
     * Each op comes from the original generator; {@code remaining} -1 is forever. A pending answer keeps the
     * generator's pending state (so a sleep or time limit inside advances instead of restarting on every ask).
     */
    record Repeat(long remaining, Generator original) implements Generator {
        @Override
        public Step op(Context ctx) {
            if (remaining == 0) {
                return null;
            }
            Step s = original.op(ctx);
            if (s == null) {
                return null;
            }
            return s.isPending() ? Step.pendingUntil(s.wakeNs(), new Repeat(remaining, s.next()))
                    : Step.emit(s.op(), new Repeat(remaining < 0 ? -1 : remaining - 1, original));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new Repeat(remaining, original.update(ctx, event));
        }
    }

    /** Runs the generator to exhaustion, then starts it again from the original; {@code cycles} -1 is forever. */
    record Cycle(long cycles, Generator original, Generator current) implements Generator {
        @Override
        public Step op(Context ctx) {
            Step s = current.op(ctx);
            if (s != null) {
                return s.isPending() ? Step.pendingUntil(s.wakeNs(), new Cycle(cycles, original, s.next()))
                        : Step.emit(s.op(), new Cycle(cycles, original, s.next()));
            }
            if (cycles >= 0 && cycles <= 1) {
                return null;
            }
            Step first = original.op(ctx);
            if (first == null) {
                return null;
            }
            long left = cycles < 0 ? -1 : cycles - 1;
            return first.isPending() ? Step.pendingUntil(first.wakeNs(), new Cycle(left, original, first.next()))
                    : Step.emit(first.op(), new Cycle(left, original, first.next()));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new Cycle(cycles, original, current.update(ctx, event));
        }
    }

    /** Ends at {@code dtNs} after it is first asked: emits no op whose time is at or past that cutoff. */
    record TimeLimit(long dtNs, long cutoffNs, Generator gen) implements Generator {
        @Override
        public Step op(Context ctx) {
            long cutoff = cutoffNs == Long.MIN_VALUE ? plus(ctx.nowNs(), dtNs) : cutoffNs;
            if (ctx.nowNs() >= cutoff) {
                return null;
            }
            Step s = gen.op(ctx);
            if (s == null) {
                return null;
            }
            if (s.isPending()) {
                return Step.pendingUntil(minWake(s.wakeNs(), cutoff), new TimeLimit(dtNs, cutoff, s.next()));
            }
            return s.op().timeNs() >= cutoff ? null : Step.emit(s.op(), new TimeLimit(dtNs, cutoff, s.next()));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new TimeLimit(dtNs, cutoffNs, gen.update(ctx, event));
        }
    }

    /**
     * Spaces ops out: each op is scheduled no earlier than the previous op's time plus a gap, fixed {@code dtNs}
     * (delay) or uniform in [0, 2 dtNs) from the context's rng (stagger). The gap counts from the time the previous
     * op was scheduled, so a stalled period is not followed by a burst.
     */
    record Stagger(long dtNs, boolean random, long nextNs, Generator gen) implements Generator {
        @Override
        public Step op(Context ctx) {
            Step s = gen.op(ctx);
            if (s == null) {
                return null;
            }
            if (s.isPending()) {
                return Step.pendingUntil(s.wakeNs(), new Stagger(dtNs, random, nextNs, s.next()));
            }
            Invocation inv = s.op();
            long t = Math.max(inv.timeNs(), nextNs);
            if (Generators.LOG_PROCESS.equals(inv.process())) {
                return Step.emit(inv.withTime(t), new Stagger(dtNs, random, nextNs, s.next()));
            }
            long gap = !random ? dtNs : dtNs <= 0 ? 0 : ctx.rng().nextLong(plus(dtNs, dtNs));
            return Step.emit(t == inv.timeNs() ? inv : inv.withTime(t), new Stagger(dtNs, random, plus(t, gap), s.next()));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new Stagger(dtNs, random, nextNs, gen.update(ctx, event));
        }
    }

    record MapOps(UnaryOperator<Invocation> f, Generator gen) implements Generator {
        @Override
        public Step op(Context ctx) {
            Step s = gen.op(ctx);
            if (s == null) {
                return null;
            }
            return s.isPending() ? Step.pendingUntil(s.wakeNs(), new MapOps(f, s.next()))
                    : Step.emit(Check.notNull(f.apply(s.op()), "mapped op"), new MapOps(f, s.next()));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new MapOps(f, gen.update(ctx, event));
        }
    }

    /** Emits from {@code gen} until one of the ops it emitted completes {@code ok}. */
    record UntilOk(Generator gen, boolean done, Set<Object> active) implements Generator {
        @Override
        public Step op(Context ctx) {
            if (done) {
                return null;
            }
            Step s = gen.op(ctx);
            if (s == null) {
                return null;
            }
            if (s.isPending()) {
                return Step.pendingUntil(s.wakeNs(), new UntilOk(s.next(), false, active));
            }
            return Step.emit(s.op(), new UntilOk(s.next(), false, with(active, s.op().process())));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            Generator g = gen.update(ctx, event);
            if (event.type() == OpType.INVOKE || !active.contains(event.process())) {
                return new UntilOk(g, done, active);
            }
            Set<Object> rest = new LinkedHashSet<>(active);
            rest.remove(event.process());
            return new UntilOk(g, done || event.type() == OpType.OK, Collections.unmodifiableSet(rest));
        }

        private static Set<Object> with(Set<Object> s, Object p) {
            Set<Object> out = new LinkedHashSet<>(s);
            out.add(p);
            return Collections.unmodifiableSet(out);
        }
    }

    /** The inner generator sees only the threads {@code keep} accepts, and only their events. */
    record OnThreads(Predicate<Object> keep, Generator gen) implements Generator {
        @Override
        public Step op(Context ctx) {
            Step s = gen.op(ctx.restrict(keep));
            if (s == null) {
                return null;
            }
            return s.isPending() ? Step.pendingUntil(s.wakeNs(), new OnThreads(keep, s.next()))
                    : Step.emit(s.op(), new OnThreads(keep, s.next()));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            Object t = ctx.threadOf(event.process());
            if (t == null || !keep.test(t)) {
                return this;
            }
            return new OnThreads(keep, gen.update(ctx.restrict(keep), event));
        }
    }

    /** Pending until every thread of the context is free, then behaves as {@code gen}. */
    record Synchronize(Generator gen) implements Generator {
        @Override
        public Step op(Context ctx) {
            if (ctx.freeThreads().size() == ctx.allThreads().size()) {
                return gen.op(ctx);
            }
            return Step.pending(this);
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new Synchronize(gen.update(ctx, event));
        }
    }

    static List<Generator> immutable(List<Generator> gens) {
        for (Generator g : gens) {
            Check.notNull(g, "generator");
        }
        return List.copyOf(gens);
    }
}
