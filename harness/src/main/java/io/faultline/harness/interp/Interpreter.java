package io.faultline.harness.interp;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.faults.Nemesis;
import io.faultline.harness.ClientFactory;
import io.faultline.harness.Completion;
import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Generators;
import io.faultline.harness.gen.Invocation;
import io.faultline.harness.gen.Step;
import io.faultline.harness.gen.ThreadTable;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a generator against clients and a nemesis: the only code that owns client and nemesis workers. One loop (the
 * thread calling {@link #run}) asks the generator, waits until an op's time, records the invocation, hands the op to
 * the worker of its thread, and records each completion when the worker reports it; every recorded event updates the
 * generator. Its rules:
 * <ul>
 *   <li>Journal order: an invocation is recorded (through the {@link HistorySink}, with a monotonic index and the
 *   {@link Env}'s time) before its worker is given the op; a completion after the call returned.</li>
 *   <li>An exception from a client or the nemesis is an {@code info} completion carrying the error.</li>
 *   <li>A call that outlives its timeout ({@code opTimeoutMs}, {@code nemesisTimeoutMs}) is recorded as {@code info};
 *   its worker is abandoned (nothing it reports later is recorded) and the thread continues with a new worker and a
 *   new client.</li>
 *   <li>After any {@code info}, client thread t continues as process + concurrency with a fresh client (Jepsen's
 *   rule); the nemesis stays process {@code nemesis}.</li>
 *   <li>{@link #stop()} or {@code hardDeadlineNs}: no new ops; ops in flight get {@code stopGraceMs}, then are recorded
 *   as {@code info} and abandoned; {@link #run} returns.</li>
 * </ul>
 * It waits only through {@link Env#mailbox()} polls, reads time only from {@link Env#nowNanos()} and iterates no hash
 * order, so it runs unchanged (and deterministically) under a simulator Env.
 */
public final class Interpreter {
    /**
     * @param concurrency          client threads
     * @param opTimeoutMs          a client call older than this is recorded as info and abandoned
     * @param nemesisTimeoutMs     the same for nemesis calls
     * @param stopGraceMs          after stop/deadline, how long ops in flight may still complete
     * @param pollMaxMs            the loop looks at stop, deadlines and pending generators at least this often
     * @param hardDeadlineNs       Env time at which the run stops by itself ({@code Long.MAX_VALUE}: none)
     * @param abandonedWorkersMax  stuck abandoned calls allowed at once before the run fails as a harness error
     * @param log                  receives the lines of {@link Generators#log} ops
     */
    public record Options(int concurrency, long opTimeoutMs, long nemesisTimeoutMs, long stopGraceMs, long pollMaxMs,
                          long hardDeadlineNs, int abandonedWorkersMax, Consumer<String> log) {
        public Options {
            Check.that(concurrency >= 1 && concurrency <= 10_000, "concurrency must be in 1..10000, was %s", concurrency);
            Check.that(opTimeoutMs >= 1, "opTimeoutMs must be >= 1, was %s", opTimeoutMs);
            Check.that(nemesisTimeoutMs >= 1, "nemesisTimeoutMs must be >= 1, was %s", nemesisTimeoutMs);
            Check.that(stopGraceMs >= 0, "stopGraceMs must be >= 0, was %s", stopGraceMs);
            Check.that(pollMaxMs >= 1, "pollMaxMs must be >= 1, was %s", pollMaxMs);
            Check.that(abandonedWorkersMax >= 1, "abandonedWorkersMax must be >= 1, was %s", abandonedWorkersMax);
            Check.notNull(log, "log");
        }

        /** Op timeout 5 s, nemesis timeout 60 s, stop grace 1 s, poll 10 ms, no deadline, 1000 abandoned, log to stderr. */
        public static Options defaults(int concurrency) {
            return new Options(concurrency, 5_000, 60_000, 1_000, 10, Long.MAX_VALUE, 1_000,
                    line -> System.err.println(line));
        }

        public Options withOpTimeoutMs(long ms) {
            return new Options(concurrency, ms, nemesisTimeoutMs, stopGraceMs, pollMaxMs, hardDeadlineNs, abandonedWorkersMax, log);
        }

        public Options withNemesisTimeoutMs(long ms) {
            return new Options(concurrency, opTimeoutMs, ms, stopGraceMs, pollMaxMs, hardDeadlineNs, abandonedWorkersMax, log);
        }

        public Options withStopGraceMs(long ms) {
            return new Options(concurrency, opTimeoutMs, nemesisTimeoutMs, ms, pollMaxMs, hardDeadlineNs, abandonedWorkersMax, log);
        }

        public Options withPollMaxMs(long ms) {
            return new Options(concurrency, opTimeoutMs, nemesisTimeoutMs, stopGraceMs, ms, hardDeadlineNs, abandonedWorkersMax, log);
        }

        public Options withHardDeadlineNs(long ns) {
            return new Options(concurrency, opTimeoutMs, nemesisTimeoutMs, stopGraceMs, pollMaxMs, ns, abandonedWorkersMax, log);
        }

        public Options withAbandonedWorkersMax(int n) {
            return new Options(concurrency, opTimeoutMs, nemesisTimeoutMs, stopGraceMs, pollMaxMs, hardDeadlineNs, n, log);
        }

        public Options withLog(Consumer<String> sink) {
            return new Options(concurrency, opTimeoutMs, nemesisTimeoutMs, stopGraceMs, pollMaxMs, hardDeadlineNs, abandonedWorkersMax, sink);
        }
    }

    /** What a run did: counts of recorded events, calls that timed out, and whether stop or the deadline ended it. */
    public record Result(long invocations, long ok, long fail, long info, long timeouts, boolean stopped) {
        public long completions() {
            return ok + fail + info;
        }
    }

    /** How long an idle worker waits on its inbox before looking again (it exits on STOP or when abandoned). */
    private static final long WORKER_IDLE_POLL_NS = 1_000_000_000L;

    private final Env env;
    private final ClientFactory clients;
    private final Nemesis nemesis;
    private final HistorySink sink;
    private final List<String> nodes;
    private final Options o;
    private final ThreadTable table;
    private final Mailbox<Worker.Event> events;
    private final Worker[] workers;
    private final Invocation[] current;
    private final long[] deadlineNs;
    private final int nemesisSlot;
    private volatile boolean stopRequested;
    private boolean ran;
    private long index;
    private long invocations;
    /** At most the earliest deadline of the ops in flight (exact after each scan, lowered by each dispatch). */
    private long deadlineLowNs = Long.MAX_VALUE;
    private long ok;
    private long fail;
    private long info;
    private long timeouts;
    /** Abandoned workers that have not exited yet (their call is still running), in the order abandoned. */
    private final List<Worker> abandoned = new ArrayList<>();
    private Generator gen;

    public Interpreter(Env env, ClientFactory clients, Nemesis nemesis, HistorySink sink, Rng rng, List<String> nodes,
                       Options options) {
        this.env = Check.notNull(env, "env");
        this.clients = Check.notNull(clients, "clients");
        this.nemesis = nemesis;
        this.sink = Check.notNull(sink, "sink");
        this.nodes = List.copyOf(Check.notNull(nodes, "nodes"));
        this.o = Check.notNull(options, "options");
        this.table = new ThreadTable(o.concurrency(), Check.notNull(rng, "rng"));
        this.events = env.mailbox();
        this.nemesisSlot = o.concurrency();
        this.workers = new Worker[o.concurrency() + 1];
        this.current = new Invocation[o.concurrency() + 1];
        this.deadlineNs = new long[o.concurrency() + 1];
    }

    /** Asks a running {@link #run} to finish promptly (callable from any thread or task). */
    public void stop() {
        stopRequested = true;
    }

    /** The node client thread {@code thread} prefers (thread t: node t mod N), or null without nodes. */
    public String nodeOf(int thread) {
        return nodes.isEmpty() ? null : nodes.get(thread % nodes.size());
    }

    /**
     * Interprets {@code generator} until it is exhausted and every op completed (or {@link #stop()}/the deadline),
     * then stops the workers and closes every client. Runs once.
     */
    public Result run(Generator generator) throws InterruptedException {
        Check.that(!ran, "an interpreter runs once");
        ran = true;
        gen = Check.notNull(generator, "generator");
        for (int s = 0; s < workers.length; s++) {
            startWorker(s);
        }
        boolean stopped = false;
        try {
            stopped = loop();
        } finally {
            shutdown();
        }
        return new Result(invocations, ok, fail, info, timeouts, stopped);
    }

    private boolean loop() throws InterruptedException {
        Step held = null;
        while (true) {
            long now = env.nowNanos();
            if (stopRequested || now >= o.hardDeadlineNs()) {
                drainAfterStop();
                return true;
            }
            if (expireTimeouts(now)) {
                held = null;
            }
            if (held == null) {
                table.setNow(now);
                held = gen.op(table);
            }
            if (held == null) {
                if (busyCount() == 0) {
                    return false;
                }
                awaitEvents(Long.MAX_VALUE);
                continue;
            }
            if (held.isPending()) {
                // At least 1 us: a generator that keeps asking for "now" must not spin (nor stall virtual time).
                long wake = Math.max(held.wakeNs(), now + 1_000);
                gen = held.next();
                held = null;
                awaitEvents(wake);
                continue;
            }
            Invocation op = held.op();
            if (op.timeNs() > now) {
                if (awaitEvents(op.timeNs())) {
                    held = null;
                }
                continue;
            }
            Generator next = held.next();
            held = null;
            dispatch(op, next);
        }
    }

    private void dispatch(Invocation op, Generator next) {
        if (Generators.LOG_PROCESS.equals(op.process())) {
            o.log().accept("[generator " + env.nowNanos() / 1_000_000 + " ms] " + op.value());
            gen = next;
            return;
        }
        int slot = table.slotOfProcess(op.process());
        Check.that(slot >= 0, "the generator emitted op %s for process %s (%s), which no thread runs (client processes are Longs)",
                op.f(), op.process(), op.process() == null ? "null" : op.process().getClass().getSimpleName());
        Check.that(!table.isBusy(slot), "the generator emitted op %s for busy process %s", op.f(), op.process());
        long now = env.nowNanos();
        Op invoke = new Op(index++, now, OpType.INVOKE, op.process(), op.f(), op.value(), nodeOfSlot(slot), null, null);
        sink.record(invoke);
        invocations++;
        table.setBusy(slot, true);
        current[slot] = op;
        deadlineNs[slot] = now + 1_000_000L * (slot == nemesisSlot ? o.nemesisTimeoutMs() : o.opTimeoutMs());
        deadlineLowNs = Math.min(deadlineLowNs, deadlineNs[slot]);
        table.setNow(now);
        gen = next.update(table, invoke);
        workers[slot].inbox().put(op);
    }

    /**
     * Waits for worker events until {@code untilNs} (capped by the next op deadline and the poll interval); records
     * every event that came. True when at least one completion was recorded.
     */
    private boolean awaitEvents(long untilNs) throws InterruptedException {
        long now = env.nowNanos();
        long limit = Math.min(untilNs, Math.min(deadlineLowNs, now + o.pollMaxMs() * 1_000_000L));
        Worker.Event e = events.poll(Math.max(0, limit - now));
        boolean recorded = false;
        while (e != null) {
            recorded |= handle(e);
            e = events.poll(0);
        }
        return recorded;
    }

    private boolean handle(Worker.Event e) {
        Worker w = e.worker();
        if (e.op() == null) {
            abandoned.remove(w);
            return false;
        }
        int slot = w.slot();
        if (workers[slot] != w || current[slot] == null) {
            return false;
        }
        complete(slot, e.completion());
        return true;
    }

    private void complete(int slot, Completion c) {
        Invocation op = current[slot];
        long now = env.nowNanos();
        Op done = new Op(index++, now, c.type(), op.process(), op.f(), c.value(), nodeOfSlot(slot), c.error(), null);
        sink.record(done);
        switch (c.type()) {
            case OK -> ok++;
            case FAIL -> fail++;
            default -> info++;
        }
        current[slot] = null;
        table.setBusy(slot, false);
        table.setNow(now);
        gen = gen.update(table, done);
        if (c.type() == OpType.INFO) {
            table.nextProcess(slot);
        }
    }

    private boolean expireTimeouts(long now) {
        if (now < deadlineLowNs) {
            return false;
        }
        boolean any = false;
        for (int s = 0; s < workers.length; s++) {
            if (current[s] != null && now >= deadlineNs[s]) {
                long ms = s == nemesisSlot ? o.nemesisTimeoutMs() : o.opTimeoutMs();
                abandon(s, "timeout: no completion within " + ms + " ms");
                timeouts++;
                any = true;
            }
        }
        deadlineLowNs = Long.MAX_VALUE;
        for (int s = 0; s < workers.length; s++) {
            if (current[s] != null) {
                deadlineLowNs = Math.min(deadlineLowNs, deadlineNs[s]);
            }
        }
        return any;
    }

    /** Records info for the op in flight on {@code slot}, abandons its worker and starts a new one. */
    private void abandon(int slot, String why) {
        Invocation op = current[slot];
        workers[slot].abandon();
        abandoned.add(workers[slot]);
        Check.that(abandoned.size() <= o.abandonedWorkersMax(),
                "%s calls are stuck past their timeout (abandonedWorkersMax %s): the clients do not bound their time",
                abandoned.size(), o.abandonedWorkersMax());
        complete(slot, Completion.info(op.value(), why));
        startWorker(slot);
    }

    private void drainAfterStop() throws InterruptedException {
        long graceEnd = env.nowNanos() + o.stopGraceMs() * 1_000_000L;
        while (busyCount() > 0) {
            long now = env.nowNanos();
            if (now >= graceEnd) {
                for (int s = 0; s < workers.length; s++) {
                    if (current[s] != null) {
                        abandon(s, "interpreter stopped before the op completed");
                    }
                }
                return;
            }
            expireTimeouts(now);
            awaitEvents(graceEnd);
        }
    }

    private void shutdown() throws InterruptedException {
        int live = 0;
        for (Worker w : workers) {
            if (w != null) {
                w.inbox().put(Worker.STOP);
                live += w.isAbandoned() ? 0 : 1; // an abandoned one may be stuck: it is closed below, not awaited
            }
        }
        long end = env.nowNanos() + Math.max(1_000L, o.stopGraceMs()) * 1_000_000L;
        int exited = 0;
        while (exited < live) {
            long now = env.nowNanos();
            if (now >= end) {
                break;
            }
            Worker.Event e = events.poll(end - now);
            if (e != null && e.op() == null) {
                if (!abandoned.remove(e.worker())) {
                    exited++;
                }
            }
        }
        for (Worker w : workers) {
            if (w != null) {
                w.closeClient();
            }
        }
        for (Worker w : abandoned) {
            w.closeClient();
        }
    }

    private void startWorker(int slot) {
        boolean isNemesis = slot == nemesisSlot;
        Worker w = new Worker(slot, isNemesis ? null : nodeOfSlot(slot), isNemesis ? null : clients,
                isNemesis ? nemesis : null, env.mailbox(), events, WORKER_IDLE_POLL_NS);
        workers[slot] = w;
        Object process = table.processAt(slot);
        env.spawn(isNemesis ? "faultline-nemesis" : "faultline-client-" + slot + "-p" + process, w);
    }

    private String nodeOfSlot(int slot) {
        return slot == nemesisSlot ? null : nodeOf(slot);
    }

    private int busyCount() {
        return table.size() - table.freeCount();
    }

    /** The context the generator sees (for tests). */
    Context context() {
        return table;
    }
}
