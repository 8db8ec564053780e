package io.faultline.harness.gen;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.harness.Completion;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Plays the interpreter's role for a generator in virtual time, single-threaded, with perfect clients: every op
 * completes after its latency with the outcome given (default {@code ok} with the invocation's value). It follows
 * the interpreter's rules (an op waits until its time; a held op is asked again after an event; events update the
 * generator; after an {@code info} a client thread continues as process + concurrency; a pending generator with
 * nothing in flight is asked again every {@code idlePollNs}) and fails fast when a generator emits to a busy or
 * unknown process. Used to test generators exactly, without threads.
 */
public final class GeneratorSim {
    /** The completion of an op; {@code n} counts invocations from 0. */
    public interface Outcome {
        Completion complete(Invocation op, long n);
    }

    /** The latency of an op in ns (may use {@code rng}, a source separate from the generators'). */
    public interface Latency {
        long ns(Invocation op, Rng rng);
    }

    public record Options(int concurrency, long seed, Latency latency, Outcome outcome, long maxTimeNs, long maxOps,
                          long idlePollNs) {
        public Options {
            Check.that(concurrency >= 1, "concurrency must be >= 1, was %s", concurrency);
            Check.notNull(latency, "latency");
            Check.notNull(outcome, "outcome");
            Check.that(idlePollNs > 0, "idlePollNs must be > 0");
        }

        /** Fixed latency, every op ok, at most 1 hour of virtual time and 1,000,000 invocations, idle poll 10 ms. */
        public static Options of(int concurrency, long seed, long latencyNs) {
            return new Options(concurrency, seed, (op, rng) -> latencyNs, (op, n) -> Completion.ok(op.value()),
                    3_600_000_000_000L, 1_000_000, 10_000_000L);
        }

        public Options withLatency(Latency l) {
            return new Options(concurrency, seed, l, outcome, maxTimeNs, maxOps, idlePollNs);
        }

        public Options withOutcome(Outcome o) {
            return new Options(concurrency, seed, latency, o, maxTimeNs, maxOps, idlePollNs);
        }

        public Options withLimits(long maxTimeNs, long maxOps) {
            return new Options(concurrency, seed, latency, outcome, maxTimeNs, maxOps, idlePollNs);
        }
    }

    /** The history (invocations and completions, times in virtual ns), log lines, the end time, and whether a limit cut the run short. */
    public record Result(List<Op> history, List<String> log, long endNs, boolean truncated) {
        public List<Op> invocations() {
            return history.stream().filter(o -> o.type() == OpType.INVOKE).toList();
        }

        public List<Op> completions() {
            return history.stream().filter(o -> o.type() != OpType.INVOKE).toList();
        }
    }

    private record Pending(long timeNs, long seq, int slot, Invocation op, Completion completion) {
    }

    private final Options o;
    private final ThreadTable table;
    private final Rng latencyRng;
    private final PriorityQueue<Pending> inFlight =
            new PriorityQueue<>(Comparator.comparingLong(Pending::timeNs).thenComparingLong(Pending::seq));
    private final List<Op> history = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private Generator gen;
    private long now;
    private long seq;
    private long invocations;

    private GeneratorSim(Generator gen, Options o) {
        this.o = o;
        this.gen = Check.notNull(gen, "gen");
        this.table = new ThreadTable(o.concurrency(), new Rng(o.seed()));
        this.latencyRng = new Rng(o.seed() ^ 0x5DEECE66DL);
    }

    public static Result run(Generator gen, int concurrency, long seed, long latencyNs) {
        return run(gen, Options.of(concurrency, seed, latencyNs));
    }

    public static Result run(Generator gen, Options options) {
        return new GeneratorSim(gen, options).loop();
    }

    private Result loop() {
        Step held = null;
        while (true) {
            if (now > o.maxTimeNs() || invocations >= o.maxOps()) {
                return result(true);
            }
            table.setNow(now);
            if (held == null) {
                held = gen.op(table);
            }
            long nextDone = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().timeNs();
            if (held == null) {
                if (inFlight.isEmpty()) {
                    return result(false);
                }
                advanceTo(nextDone);
                continue;
            }
            if (held.isPending()) {
                // As the interpreter: asked again at the wake time (at least 1 us on), the next completion, or the idle poll.
                long until = Math.min(Math.max(held.wakeNs(), now + 1_000), nextDone);
                gen = held.next();
                held = null;
                if (until == Long.MAX_VALUE) {
                    until = now + o.idlePollNs();
                }
                advanceTo(until);
                continue;
            }
            Invocation inv = held.op();
            if (inv.timeNs() > now) {
                if (nextDone <= inv.timeNs()) {
                    held = null;
                    advanceTo(nextDone);
                } else {
                    now = inv.timeNs();
                }
                continue;
            }
            Generator next = held.next();
            held = null;
            dispatch(inv, next);
        }
    }

    private void advanceTo(long t) {
        now = Math.max(now, t);
        while (!inFlight.isEmpty() && inFlight.peek().timeNs() <= now) {
            complete(inFlight.poll());
        }
    }

    private void dispatch(Invocation inv, Generator next) {
        if (Generators.LOG_PROCESS.equals(inv.process())) {
            log.add(now + " " + inv.value());
            gen = next;
            return;
        }
        int slot = table.slotOfProcess(inv.process());
        Check.that(slot >= 0, "generator emitted op %s for process %s, which no thread runs", inv.f(), inv.process());
        Check.that(!table.isBusy(slot), "generator emitted op %s for busy process %s", inv.f(), inv.process());
        Op invoke = new Op(history.size(), now, OpType.INVOKE, inv.process(), inv.f(), inv.value(), null, null, null);
        history.add(invoke);
        table.setBusy(slot, true);
        gen = next.update(table, invoke);
        Completion c = Check.notNull(o.outcome().complete(inv, invocations++), "completion");
        long lat = o.latency().ns(inv, latencyRng);
        Check.that(lat >= 0, "latency must be >= 0, was %s", lat);
        inFlight.add(new Pending(now + lat, seq++, slot, inv, c));
    }

    private void complete(Pending p) {
        table.setNow(p.timeNs());
        Completion c = p.completion();
        Op done = new Op(history.size(), p.timeNs(), c.type(), p.op().process(), p.op().f(), c.value(), null, c.error(), null);
        history.add(done);
        table.setBusy(p.slot(), false);
        gen = gen.update(table, done);
        if (c.type() == OpType.INFO) {
            table.nextProcess(p.slot());
        }
    }

    private Result result(boolean truncated) {
        return new Result(Collections.unmodifiableList(history), Collections.unmodifiableList(log), now, truncated);
    }
}
