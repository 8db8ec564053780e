package io.faultline.harness.gen;

import io.faultline.core.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The generator library, after Jepsen's {@code jepsen.generator}. Every generator is an immutable value; times are
 * nanoseconds (relative to the test's start for instants, plain durations for {@code dtNs}); randomness comes only
 * from {@link Context#rng()}.
 *
 * <p>Threads: an op from {@link #op}/{@link #fn} goes to a random free thread of the context it is asked with: a
 * client thread when that context has any, the nemesis only in a context of the nemesis alone. So wrap nemesis ops
 * in {@link #nemesis} and (for clarity) client ops in {@link #clients}. {@link #log} ops need no thread: the
 * interpreter prints them and they are not part of the history.
 */
public final class Generators {
    /** The process of a {@link #log} op. */
    public static final String LOG_PROCESS = "log";

    /** Accepts client threads (the {@code Integer}s). */
    public static final Predicate<Object> CLIENT_THREADS = t -> t instanceof Integer;

    /** Accepts the nemesis thread. */
    public static final Predicate<Object> NEMESIS_THREAD = Context.NEMESIS::equals;

    private Generators() {
    }

    // ---- leaves ----

    /** The generator that is exhausted at once. */
    public static Generator empty() {
        return Primitives.Empty.INSTANCE;
    }

    /** One op {@code f}/{@code value} on a free thread, as soon as one is free (Jepsen's map as a generator). */
    public static Generator op(String f, Object value) {
        return op(Invocation.of(f, value));
    }

    /**
     * One op from a template: a null process becomes a free thread's process, a time before now becomes now (a
     * template with a process waits until that process is free).
     */
    public static Generator op(Invocation template) {
        return new Primitives.Once(Check.notNull(template, "template"));
    }

    /**
     * A generator from a function of the context, called for each op while a thread is free, until it returns null;
     * the invocation it returns is a template, filled in as by {@link #op(Invocation)}.
     */
    public static Generator fn(Function<Context, Invocation> f) {
        return new Primitives.Fn(Check.notNull(f, "f"));
    }

    /** Emits one log line (time, message) that the interpreter prints; takes no thread and is not recorded. */
    public static Generator log(String message) {
        return new Primitives.Log(Check.notNull(message, "message"));
    }

    /** Emits nothing for {@code dtNs} from when it is first asked, then is exhausted (use in {@link #phases}). */
    public static Generator sleep(long dtNs) {
        Check.that(dtNs >= 0, "sleep must be >= 0 ns, was %s", dtNs);
        return new Primitives.Sleep(dtNs, Long.MIN_VALUE);
    }

    // ---- wrappers of one generator ----

    /** At most one op of {@code gen}. */
    public static Generator once(Generator gen) {
        return limit(1, gen);
    }

    /** At most {@code n} ops of {@code gen}. */
    public static Generator limit(long n, Generator gen) {
        Check.that(n >= 0, "limit must be >= 0, was %s", n);
        return new Primitives.Limit(n, Check.notNull(gen, "gen"));
    }

    /**
     * The first op of {@code gen}, forever: each op comes from the original generator (Jepsen's repeat; a pending
     * answer keeps its state). To run a whole sequence again and again (e.g. sleep, then an op), use {@link #cycle}.
     */
    public static Generator repeat(Generator gen) {
        return new Primitives.Repeat(-1, Check.notNull(gen, "gen"));
    }

    /** The first op of {@code gen}, {@code n} times. */
    public static Generator repeat(long n, Generator gen) {
        Check.that(n >= 0, "repeat count must be >= 0, was %s", n);
        return new Primitives.Repeat(n, Check.notNull(gen, "gen"));
    }

    /** The whole of {@code gen}, then the whole of it again, forever (until a pass emits nothing). */
    public static Generator cycle(Generator gen) {
        return new Primitives.Cycle(-1, gen, Check.notNull(gen, "gen"));
    }

    /** The whole of {@code gen}, {@code n} times. */
    public static Generator cycle(long n, Generator gen) {
        Check.that(n >= 1, "cycle count must be >= 1, was %s", n);
        return new Primitives.Cycle(n, gen, Check.notNull(gen, "gen"));
    }

    /** Ops of {@code gen} scheduled before {@code dtNs} after this generator is first asked; then exhausted. */
    public static Generator timeLimit(long dtNs, Generator gen) {
        Check.that(dtNs >= 0, "time limit must be >= 0 ns, was %s", dtNs);
        return new Primitives.TimeLimit(dtNs, Long.MIN_VALUE, Check.notNull(gen, "gen"));
    }

    /** Ops of {@code gen} spaced by random gaps, uniform in [0, 2 dtNs) (mean {@code dtNs}), from the context's rng. */
    public static Generator stagger(long dtNs, Generator gen) {
        Check.that(dtNs >= 0, "stagger must be >= 0 ns, was %s", dtNs);
        return new Primitives.Stagger(dtNs, true, Long.MIN_VALUE, Check.notNull(gen, "gen"));
    }

    /** Ops of {@code gen}, each at least {@code dtNs} after the previous one; the first as soon as possible. */
    public static Generator delay(long dtNs, Generator gen) {
        Check.that(dtNs >= 0, "delay must be >= 0 ns, was %s", dtNs);
        return new Primitives.Stagger(dtNs, false, Long.MIN_VALUE, Check.notNull(gen, "gen"));
    }

    /** Ops of {@code gen} transformed by {@code f} (which must keep the process). */
    public static Generator map(UnaryOperator<Invocation> f, Generator gen) {
        return new Primitives.MapOps(Check.notNull(f, "f"), Check.notNull(gen, "gen"));
    }

    /** Ops of {@code gen} until one of them completes {@code ok} (ops then in flight still complete). */
    public static Generator untilOk(Generator gen) {
        return new Primitives.UntilOk(Check.notNull(gen, "gen"), false, Set.of());
    }

    /** {@code gen} restricted to the threads {@code keep} accepts: it sees only those threads and their events. */
    public static Generator onThreads(Predicate<Object> keep, Generator gen) {
        return new Primitives.OnThreads(Check.notNull(keep, "keep"), Check.notNull(gen, "gen"));
    }

    /** {@code gen} on the client threads only. */
    public static Generator clients(Generator gen) {
        return onThreads(CLIENT_THREADS, gen);
    }

    /** {@code gen} on the nemesis thread only. */
    public static Generator nemesis(Generator gen) {
        return onThreads(NEMESIS_THREAD, gen);
    }

    /** Client ops from {@code clientGen} and nemesis ops from {@code nemesisGen}, side by side. */
    public static Generator clients(Generator clientGen, Generator nemesisGen) {
        return any(clients(clientGen), nemesis(nemesisGen));
    }

    /** Waits until every thread of its context is free, then runs {@code gen}. */
    public static Generator synchronize(Generator gen) {
        return new Primitives.Synchronize(Check.notNull(gen, "gen"));
    }

    /** Every thread of the context runs its own copy of {@code gen} (so {@code once} becomes once per thread). */
    public static Generator eachThread(Generator gen) {
        return new Combinators.EachThread(Check.notNull(gen, "gen"), new LinkedHashMap<>());
    }

    /** The first {@code n} threads of the context run {@code reserved}; the other threads run {@code rest}. */
    public static Generator reserve(int n, Generator reserved, Generator rest) {
        Check.that(n >= 0, "reserve count must be >= 0, was %s", n);
        return new Combinators.Reserve(n, Check.notNull(reserved, "reserved"), Check.notNull(rest, "rest"));
    }

    // ---- several generators ----

    /** Each generator to exhaustion, one after another, without waiting in between. */
    public static Generator concat(Generator... gens) {
        return concat(List.of(gens));
    }

    public static Generator concat(List<Generator> gens) {
        List<Generator> gs = Primitives.immutable(gens);
        if (gs.isEmpty()) {
            return empty();
        }
        return new Combinators.Concat(gs.get(0), gs.subList(1, gs.size()), 0);
    }

    /** Each generator to exhaustion, one after another; each phase starts once every thread is free. */
    public static Generator phases(Generator... gens) {
        return phases(List.of(gens));
    }

    public static Generator phases(List<Generator> gens) {
        List<Generator> gs = new ArrayList<>();
        for (int i = 0; i < gens.size(); i++) {
            Generator g = Check.notNull(gens.get(i), "generator");
            gs.add(i == 0 ? g : synchronize(g));
        }
        return concat(gs);
    }

    /** {@code first} to exhaustion, then (once every thread is free) {@code second}. */
    public static Generator then(Generator first, Generator second) {
        return phases(first, second);
    }

    /** For each op a uniformly random one of {@code gens}; exhausted ones drop out. */
    public static Generator mix(Generator... gens) {
        return mix(List.of(gens));
    }

    public static Generator mix(List<Generator> gens) {
        return new Combinators.Mix(Primitives.immutable(gens), -1);
    }

    /** The soonest op of any of {@code gens} (ties: the first); every one sees every event. */
    public static Generator any(Generator... gens) {
        return any(List.of(gens));
    }

    public static Generator any(List<Generator> gens) {
        return new Combinators.Any(Primitives.immutable(gens));
    }

    /** An op of {@code a}, then one of {@code b}, then {@code a} again...; exhausted when the next one to ask is. */
    public static Generator flipFlop(Generator a, Generator b) {
        return new Combinators.FlipFlop(Check.notNull(a, "a"), Check.notNull(b, "b"), true);
    }

    /** {@code aNs} of {@code a}, then {@code bNs} of {@code b}, and again, forever; each keeps its state. */
    public static Generator cycleTimes(long aNs, Generator a, long bNs, Generator b) {
        return cycleTimes(List.of(aNs, bNs), List.of(a, b));
    }

    public static Generator cycleTimes(List<Long> durationsNs, List<Generator> gens) {
        Check.that(!gens.isEmpty() && durationsNs.size() == gens.size(),
                "cycleTimes needs one duration per generator (%s durations, %s generators)", durationsNs.size(), gens.size());
        for (long d : durationsNs) {
            Check.that(d > 0, "cycleTimes durations must be > 0 ns, was %s", d);
        }
        return new Combinators.CycleTimes(List.copyOf(durationsNs), Primitives.immutable(gens), Long.MIN_VALUE);
    }

    // ---- helpers for generator authors ----

    /**
     * The threads an op without a process may go to: the free client threads of the context, or, when the context
     * has no client thread at all, its free nemesis thread.
     */
    public static List<Object> freeTargets(Context ctx) {
        List<Object> free = ctx.freeThreads();
        boolean hasClients = false;
        for (Object t : ctx.allThreads()) {
            if (t instanceof Integer) {
                hasClients = true;
                break;
            }
        }
        if (!hasClients) {
            return free;
        }
        List<Object> out = new ArrayList<>(free.size());
        for (Object t : free) {
            if (t instanceof Integer) {
                out.add(t);
            }
        }
        return out;
    }

    /** The process of a random thread among {@link #freeTargets}, or null when there is none. */
    public static Object someFreeProcess(Context ctx) {
        List<Object> targets = freeTargets(ctx);
        if (targets.isEmpty()) {
            return null;
        }
        Object t = targets.size() == 1 ? targets.get(0) : targets.get(ctx.rng().nextInt(targets.size()));
        return ctx.processOf(t);
    }
}
