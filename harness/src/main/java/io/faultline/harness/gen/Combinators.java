package io.faultline.harness.gen;

import io.faultline.histories.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The generators that combine several generators; built through {@link Generators}. */
final class Combinators {
    private Combinators() {
    }

    private static List<Generator> replaced(List<Generator> gens, int i, Generator g) {
        if (gens.get(i) == g) {
            return gens;
        }
        List<Generator> out = new ArrayList<>(gens);
        out.set(i, g);
        return Collections.unmodifiableList(out);
    }

    private static List<Generator> updatedAll(List<Generator> gens, Context ctx, Op event) {
        List<Generator> out = new ArrayList<>(gens.size());
        for (Generator g : gens) {
            out.add(g.update(ctx, event));
        }
        return Collections.unmodifiableList(out);
    }

    /** True when {@code a} should be emitted rather than the best so far (sooner time; ties go to the first). */
    private static boolean sooner(Invocation a, Invocation best) {
        return best == null || a.timeNs() < best.timeNs();
    }

    /** One generator after another; only the current one sees events (Jepsen's sequence). */
    record Concat(Generator current, List<Generator> rest, int nextIndex) implements Generator {
        @Override
        public Step op(Context ctx) {
            Generator cur = current;
            int i = nextIndex;
            while (true) {
                Step s = cur.op(ctx);
                if (s != null) {
                    Concat next = new Concat(s.next(), rest, i);
                    return s.isPending() ? Step.pendingUntil(s.wakeNs(), next) : Step.emit(s.op(), next);
                }
                if (i >= rest.size()) {
                    return null;
                }
                cur = rest.get(i++);
            }
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new Concat(current.update(ctx, event), rest, nextIndex);
        }
    }

    /** A random one of the generators for each op (uniform, from the context's rng); exhausted ones drop out. */
    record Mix(List<Generator> gens, int current) implements Generator {
        @Override
        public Step op(Context ctx) {
            List<Generator> gs = gens;
            int i = current;
            while (!gs.isEmpty()) {
                if (i < 0 || i >= gs.size()) {
                    i = ctx.rng().nextInt(gs.size());
                }
                Step s = gs.get(i).op(ctx);
                if (s == null) {
                    List<Generator> fewer = new ArrayList<>(gs);
                    fewer.remove(i);
                    gs = Collections.unmodifiableList(fewer);
                    i = -1;
                    continue;
                }
                List<Generator> after = replaced(gs, i, s.next());
                if (s.isPending()) {
                    return Step.pendingUntil(s.wakeNs(), new Mix(after, i));
                }
                return Step.emit(s.op(), new Mix(after, -1));
            }
            return null;
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new Mix(updatedAll(gens, ctx, event), current);
        }
    }

    /** The soonest op of any of the generators; all see every event; exhausted when all are. */
    record Any(List<Generator> gens) implements Generator {
        @Override
        public Step op(Context ctx) {
            List<Generator> after = new ArrayList<>(gens);
            Invocation best = null;
            int bestIndex = -1;
            Generator bestNext = null;
            boolean live = false;
            long wake = Step.NO_WAKE;
            for (int i = 0; i < gens.size(); i++) {
                Step s = gens.get(i).op(ctx);
                if (s == null) {
                    continue;
                }
                live = true;
                if (s.isPending()) {
                    after.set(i, s.next());
                    wake = Math.min(wake, s.wakeNs());
                } else if (sooner(s.op(), best)) {
                    best = s.op();
                    bestIndex = i;
                    bestNext = s.next();
                }
            }
            if (!live) {
                return null;
            }
            if (best == null) {
                return Step.pendingUntil(wake, new Any(Collections.unmodifiableList(after)));
            }
            after.set(bestIndex, bestNext);
            return Step.emit(best, new Any(Collections.unmodifiableList(after)));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new Any(updatedAll(gens, ctx, event));
        }
    }

    /** Alternates: an op from {@code a}, then one from {@code b}, ...; exhausted when the one whose turn it is is. */
    record FlipFlop(Generator a, Generator b, boolean onA) implements Generator {
        @Override
        public Step op(Context ctx) {
            Step s = (onA ? a : b).op(ctx);
            if (s == null) {
                return null;
            }
            Generator na = onA ? s.next() : a;
            Generator nb = onA ? b : s.next();
            return s.isPending() ? Step.pendingUntil(s.wakeNs(), new FlipFlop(na, nb, onA))
                    : Step.emit(s.op(), new FlipFlop(na, nb, !onA));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new FlipFlop(a.update(ctx, event), b.update(ctx, event), onA);
        }
    }

    /**
     * Cycles through time windows: {@code durationsNs[i]} of generator i, starting when first asked. Each generator
     * keeps its state across cycles; an op scheduled past the end of its window waits for the window's next turn.
     */
    record CycleTimes(List<Long> durationsNs, List<Generator> gens, long startNs) implements Generator {
        @Override
        public Step op(Context ctx) {
            long now = ctx.nowNs();
            long start = startNs == Long.MIN_VALUE ? now : startNs;
            long period = 0;
            for (long d : durationsNs) {
                period += d;
            }
            long pos = Math.floorMod(now - start, period);
            int i = 0;
            long acc = durationsNs.get(0);
            while (pos >= acc) {
                acc += durationsNs.get(++i);
            }
            long windowEnd = now - pos + acc;
            Step s = gens.get(i).op(ctx);
            if (s == null) {
                return null;
            }
            if (s.isPending()) {
                return Step.pendingUntil(Math.min(s.wakeNs(), windowEnd),
                        new CycleTimes(durationsNs, replaced(gens, i, s.next()), start));
            }
            if (s.op().timeNs() >= windowEnd) {
                return Step.pendingUntil(windowEnd, new CycleTimes(durationsNs, gens, start));
            }
            return Step.emit(s.op(), new CycleTimes(durationsNs, replaced(gens, i, s.next()), start));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            return new CycleTimes(durationsNs, updatedAll(gens, ctx, event), startNs);
        }
    }

    /**
     * Every thread runs its own copy of {@code fresh}, seeing a context of that thread alone; exhausted when every
     * thread's copy is. {@code perThread} holds the copies asked so far ({@code null} value: exhausted).
     */
    record EachThread(Generator fresh, Map<Object, Generator> perThread) implements Generator {
        @Override
        public Step op(Context ctx) {
            Map<Object, Generator> after = null;
            Invocation best = null;
            Object bestThread = null;
            Generator bestNext = null;
            long wake = Step.NO_WAKE;
            boolean live = false;
            List<Object> free = ctx.freeThreads();
            for (Object t : ctx.allThreads()) {
                Generator g = perThread.containsKey(t) ? perThread.get(t) : fresh;
                if (g == null) {
                    continue;
                }
                if (!free.contains(t)) {
                    live = true;
                    continue;
                }
                Step s = g.op(only(ctx, t));
                if (s == null) {
                    after = put(after, t, null);
                    continue;
                }
                live = true;
                if (s.isPending()) {
                    after = put(after, t, s.next());
                    wake = Math.min(wake, s.wakeNs());
                } else if (sooner(s.op(), best)) {
                    best = s.op();
                    bestThread = t;
                    bestNext = s.next();
                }
            }
            if (!live) {
                return null;
            }
            if (best == null) {
                return Step.pendingUntil(wake, after == null ? this : new EachThread(fresh, after));
            }
            after = put(after, bestThread, bestNext);
            return Step.emit(best, new EachThread(fresh, after));
        }

        private Map<Object, Generator> put(Map<Object, Generator> after, Object t, Generator g) {
            Map<Object, Generator> m = after == null ? new LinkedHashMap<>(perThread) : after;
            m.put(t, g);
            return m;
        }

        private static Context only(Context ctx, Object thread) {
            return ctx.restrict(thread::equals);
        }

        @Override
        public Generator update(Context ctx, Op event) {
            Object t = ctx.threadOf(event.process());
            if (t == null) {
                return this;
            }
            Generator g = perThread.containsKey(t) ? perThread.get(t) : fresh;
            if (g == null) {
                return this;
            }
            return new EachThread(fresh, put(null, t, g.update(only(ctx, t), event)));
        }
    }

    /**
     * The first {@code n} threads of the context run {@code reserved}, the others {@code rest}; each sees a context of
     * its own threads and their events. The soonest op of the two is emitted; exhausted when both are.
     */
    record Reserve(int n, Generator reserved, Generator rest) implements Generator {
        @Override
        public Step op(Context ctx) {
            List<Object> first = firstN(ctx);
            Step a = reserved.op(ctx.restrict(first::contains));
            Step b = rest.op(ctx.restrict(t -> !first.contains(t)));
            if (a == null && b == null) {
                return null;
            }
            boolean aEmits = a != null && !a.isPending();
            boolean bEmits = b != null && !b.isPending();
            Generator na = a != null && a.isPending() ? a.next() : reserved;
            Generator nb = b != null && b.isPending() ? b.next() : rest;
            if (aEmits && (!bEmits || a.op().timeNs() <= b.op().timeNs())) {
                return Step.emit(a.op(), new Reserve(n, a.next(), nb));
            }
            if (bEmits) {
                return Step.emit(b.op(), new Reserve(n, na, b.next()));
            }
            long wake = Math.min(a == null ? Step.NO_WAKE : a.wakeNs(), b == null ? Step.NO_WAKE : b.wakeNs());
            return Step.pendingUntil(wake, new Reserve(n, na, nb));
        }

        private List<Object> firstN(Context ctx) {
            List<Object> all = ctx.allThreads();
            return all.subList(0, Math.min(n, all.size()));
        }

        @Override
        public Generator update(Context ctx, Op event) {
            Object t = ctx.threadOf(event.process());
            if (t == null) {
                return this;
            }
            List<Object> first = firstN(ctx);
            if (first.contains(t)) {
                return new Reserve(n, reserved.update(ctx.restrict(first::contains), event), rest);
            }
            return new Reserve(n, reserved, rest.update(ctx.restrict(x -> !first.contains(x)), event));
        }
    }
}
