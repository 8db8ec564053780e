package io.faultline.sim;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A deterministic discrete-event simulation in virtual time: one event queue ordered by
 * (time, sequence number), one seeded {@link Rng} forked per node incarnation and per task, a
 * labrpc-faithful {@link Network}, server {@link Group}s with crash/restart, {@link Client}s, and
 * {@link SimTask tasks} for blocking test code. A run is a pure function of (seed, options, code);
 * {@link #traceHash()} summarises every executed event so tests can prove it.
 *
 * <p>Typical use: create groups and clients, then {@link #run(TaskBody)} a main task; the run ends
 * when the main task returns, and fails with a {@link SimulationFailure} when any task or node
 * callback throws, {@link #fail} is called, the virtual-time limit passes or the wall-clock
 * watchdog fires. All task threads are stopped before {@code run} returns.
 *
 * <p>Threading: task bodies run on their own threads, and node callbacks run on whichever thread
 * currently holds the baton (the caller of {@code run} or a task thread that is blocked), but only
 * one thread ever runs at a time and the order comes only from the event queue. Node callbacks
 * are never "inside a task": they cannot sleep or block. Do not touch a simulation from any
 * other thread.
 */
public final class Simulation {
    private final long seed;
    private final SimOptions options;
    private final Rng root;
    private final Rng harnessRng;
    private final EventLoop loop;
    private final Tasks tasks = new Tasks();
    private final Network network;
    private final List<SimTask<?>> allTasks = new ArrayList<>();
    private long contextIds;
    private boolean started;
    private boolean finished;
    private volatile boolean watchdogFired;
    private SimTask<Void> mainTask;
    private SimulationFailure failure;

    public Simulation(long seed) {
        this(seed, SimOptions.defaults());
    }

    public Simulation(long seed, SimOptions options) {
        this.seed = seed;
        this.options = Check.notNull(options, "options");
        this.root = new Rng(seed);
        this.harnessRng = root.fork("harness");
        this.loop = new EventLoop(this, options, seed);
        this.network = new Network(this, root.fork("network"));
    }

    public long seed() {
        return seed;
    }

    public SimOptions options() {
        return options;
    }

    /** Virtual time in nanoseconds since the simulation was created. */
    public long nowNanos() {
        return loop.now;
    }

    public long nowMillis() {
        return loop.now / 1_000_000L;
    }

    /**
     * The calling task's own random source, or the harness's random source when called outside a
     * task (e.g. from the code that builds the simulation or from a harness callback).
     */
    public Rng random() {
        SimTask<?> t = tasks.current();
        return t != null ? t.rng : harnessRng;
    }

    /** The simulated network (reliability toggles, counters, low-level ends and servers). */
    public Network network() {
        return network;
    }

    /**
     * A group of {@code n} servers named {@code server-<gid>-<i>}, none started yet: call
     * {@link Group#startServers()} (start all + connect all), as 6.5840's MakeConfig does.
     *
     * @param start  builds a server incarnation from its runtime
     * @param killer kills an incarnation's object on crash (e.g. {@code RaftNode::kill})
     */
    public <T> Group<T> makeGroup(int gid, int n, StartFunction<T> start, Consumer<? super T> killer) {
        return new Group<>(this, gid, n, start, killer);
    }

    /** A client allowed to reach every server (6.5840 MakeClient). */
    public Client makeClient() {
        return new Client(this, null);
    }

    /** A client allowed to reach only {@code serverNames} (6.5840 MakeClientTo). */
    public Client makeClientTo(String... serverNames) {
        return new Client(this, List.of(serverNames));
    }

    /** Starts a task at the current virtual time (after the caller yields). */
    public SimTask<Void> spawn(String name, TaskBody body) {
        Check.notNull(body, "body");
        return spawnValue(name, () -> {
            body.run();
            return null;
        });
    }

    /** Starts a task that produces a value, read with {@link SimTask#join()}. */
    public <T> SimTask<T> spawnValue(String name, TaskCallable<T> body) {
        Check.notNull(name, "name");
        Check.notNull(body, "body");
        Check.that(!finished, "spawn after the run ended");
        Check.that(allTasks.size() < options.tasksMax(), "more than tasksMax=%s tasks", options.tasksMax());
        SimTask<T> t = new SimTask<>(this, name, root.fork("task:" + name), body);
        allTasks.add(t);
        wakeAt(0, t, t.token);
        return t;
    }

    /** Sleeps the calling task for {@code nanos} of virtual time. Only from a task. */
    public void sleepNanos(long nanos) {
        Check.that(nanos >= 0, "negative sleep %s ns", nanos);
        SimTask<?> me = requireTask("sleep");
        long token = ++me.token;
        wakeAt(nanos, me, token);
        block(me);
    }

    public void sleepMillis(long millis) {
        sleepNanos(millis * 1_000_000L);
    }

    /** Lets every event already due at the current virtual time run first. Only from a task. */
    public void yieldNow() {
        sleepNanos(0);
    }

    /**
     * Blocks the calling task until a callback fires. {@code starter} receives the callback and
     * must arrange for it to be invoked (on the scheduler or a task) exactly once, e.g. by starting
     * an asynchronous call; the first value passed is returned. Only from a task.
     */
    public <T> T awaitResult(Consumer<Consumer<T>> starter) {
        SimTask<?> me = requireTask("awaitResult");
        long token = ++me.token;
        Object[] slot = new Object[1];
        boolean[] set = new boolean[1];
        starter.accept(v -> {
            if (!set[0]) {
                set[0] = true;
                slot[0] = v;
                wakeAt(0, me, token);
            }
        });
        while (!set[0]) {
            block(me);
        }
        me.token++;
        @SuppressWarnings("unchecked")
        T v = (T) slot[0];
        return v;
    }

    /** True when the calling thread is a task of this simulation. */
    public boolean inTask() {
        return tasks.current() != null;
    }

    /** The running task's name, or null outside tasks. */
    public String currentTaskName() {
        SimTask<?> t = tasks.current();
        return t == null ? null : t.name;
    }

    /**
     * Runs {@code action} on the scheduler after {@code delayNanos} of virtual time (a harness
     * event, not owned by any node). Callable from tasks, callbacks or before {@link #run}.
     */
    public void schedule(long delayNanos, Runnable action) {
        schedule(delayNanos, Event.HARNESS, null, action);
    }

    /**
     * Fails the run with {@code message} (like 6.5840's log.Fatalf in a harness callback). Always
     * throws; the first failure of a run wins.
     */
    public void fail(String message) {
        SimulationFailure f = recordFailure(message, null);
        throw f;
    }

    /** Whether the run has failed so far. */
    public boolean failed() {
        return failure != null;
    }

    /** A running hash of every executed event (time, kind, node, message bytes). */
    public long traceHash() {
        return loop.trace;
    }

    /** Events executed so far. */
    public long eventCount() {
        return loop.eventCount;
    }

    /**
     * Keeps the last {@code eventsMax} executed events for {@link #recentEvents()} (0 turns it
     * off). Useful to print what led up to a failure.
     */
    public void keepRecentEvents(int eventsMax) {
        loop.keepRecent(eventsMax);
    }

    /**
     * The last executed events, oldest first, one line each (time, kind, node or task, service
     * and endpoints for network events). Empty unless {@link #keepRecentEvents} was called.
     */
    public List<String> recentEvents() {
        return loop.recent();
    }

    /** Task threads still alive (0 after {@link #run} returned, unless a watchdog fired). */
    public int liveTaskThreads() {
        return tasks.liveThreads();
    }

    /**
     * Runs the simulation with {@code main} as the main task until it returns. Throws
     * {@link SimulationFailure} if the run failed. May be called once per simulation.
     */
    public void run(TaskBody main) {
        Check.that(!started, "a simulation runs once");
        started = true;
        tasks.attachDriver(Thread.currentThread());
        loop.wallDeadlineNanos = System.nanoTime() + options.watchdogMillis() * 1_000_000L;
        mainTask = spawn("main", main);
        try {
            drive(null);
        } finally {
            finished = true;
            loop.close();
            stopTasks();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private boolean runOver() {
        return failure != null || mainTask.done || watchdogFired;
    }

    /**
     * The event loop, run by whichever thread holds the baton. {@code self} is the task whose
     * thread this is and which waits for its wake-up (null on the driver thread and on the thread
     * of a task that has ended). Returns on the driver thread when the run is over, on a task
     * thread when {@code self} is woken (or, for an ended task, once the baton is handed on).
     */
    private void drive(SimTask<?> self) {
        boolean driver = tasks.isDriverThread();
        tasks.setCurrent(null);
        while (true) {
            if (runOver()) {
                if (driver) {
                    return;
                }
                tasks.handToDriver();
                if (self == null) {
                    return;
                }
                tasks.awaitBaton();
                tasks.setCurrent(self);
                throw new Tasks.TaskKilled();
            }
            Event e = loop.next();
            if (e == null) {
                continue;
            }
            if (e.kind != Event.TASK) {
                loop.execute(e);
                continue;
            }
            SimTask<?> t = e.task;
            if (t.done || !t.blocked || t.token != e.taskToken) {
                continue;
            }
            t.blocked = false;
            if (t == self) {
                tasks.setCurrent(self);
                return;
            }
            tasks.handTo(t, () -> threadMain(t));
            if (driver) {
                awaitBatonAsDriver();
                continue;
            }
            if (self == null) {
                return;
            }
            tasks.awaitBaton();
            tasks.setCurrent(self);
            if (self.killed) {
                throw new Tasks.TaskKilled();
            }
            return;
        }
    }

    /** The driver waits for the baton, which comes back only when the run is over. */
    private void awaitBatonAsDriver() {
        if (tasks.awaitBatonUntil(loop.wallDeadlineNanos)) {
            return;
        }
        String holder = tasks.ownerName();
        watchdogFired = true;
        if (!tasks.awaitBatonUntil(System.nanoTime() + 1_000_000_000L)) {
            // a task runs without ever yielding: give up on it, and on the parked tasks, which
            // could only be stopped by running them next to it
            for (SimTask<?> t : allTasks) {
                if (t.thread != null && !t.done) {
                    t.runaway = true;
                }
            }
        }
        recordFailure("wall-clock watchdog of " + options.watchdogMillis() + " ms fired while thread '" + holder
                + "' ran (a task or callback ran too long without yielding)", null);
    }

    private void threadMain(SimTask<?> t) {
        tasks.awaitBaton();
        tasks.setCurrent(t);
        try {
            if (!t.killed) {
                runBody(t);
            }
        } catch (Tasks.TaskKilled k) {
            // the run ended; unwind quietly
        } catch (Throwable e) {
            t.error = e;
            if (!t.killed) {
                taskFailed(t, e);
            }
        }
        t.done = true;
        t.blocked = false;
        tasks.setCurrent(null);
        tasks.threadEnded();
        if (t.killed || t.runaway) {
            if (!t.runaway) {
                tasks.handToDriver();
            }
            return;
        }
        taskEnded(t);
        drive(null);
    }

    private static <T> void runBody(SimTask<T> t) throws Exception {
        t.result = t.body.call();
    }

    private void stopTasks() {
        for (SimTask<?> t : allTasks) {
            if (t.thread == null) {
                t.killed = true;
                t.done = true;
                continue;
            }
            if (t.done || t.runaway) {
                continue;
            }
            t.killed = true;
            tasks.handTo(t, null);
            if (!tasks.awaitBatonUntil(System.nanoTime() + 10_000_000_000L)) {
                t.runaway = true;
                recordFailure("task '" + t.name + "' did not stop when the run ended", null);
                return;
            }
        }
        for (SimTask<?> t : allTasks) {
            if (t.thread != null && !t.runaway) {
                try {
                    t.thread.join(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // ---- internals used by the other classes of this package ----

    Event schedule(long delayNanos, byte kind, NodeContext owner, Runnable action) {
        return loop.schedule(delayNanos, kind, owner, action);
    }

    /** Re-queues, at the current time and in their original order, events deferred by a pause. */
    void requeue(List<Event> events) {
        loop.requeue(events);
    }

    NodeContext newContext(String name) {
        long id = ++contextIds;
        return new NodeContext(name, id, root.fork("node:" + name + ":" + id));
    }

    void wakeAt(long delayNanos, SimTask<?> t, long token) {
        Event e = schedule(delayNanos, Event.TASK, null, null);
        e.task = t;
        e.taskToken = token;
        e.traceData = t.name.hashCode() * 31L + token;
    }

    void join(SimTask<?> other) {
        SimTask<?> me = requireTask("join");
        Check.that(me != other, "a task cannot join itself");
        if (other.done) {
            return;
        }
        long token = ++me.token;
        other.joiners.add(me);
        other.joinerTokens.add(token);
        while (!other.done) {
            block(me);
        }
    }

    void taskEnded(SimTask<?> t) {
        for (int i = 0; i < t.joiners.size(); i++) {
            wakeAt(0, t.joiners.get(i), t.joinerTokens.get(i));
        }
    }

    void taskFailed(SimTask<?> t, Throwable e) {
        if (e instanceof SimulationFailure f) {
            recordFailure(f.getMessage(), f.getCause());
        } else {
            recordFailure(t + " failed: " + e, e);
        }
    }

    SimTask<?> requireTask(String what) {
        SimTask<?> t = tasks.current();
        Check.that(t != null, "%s must be called from a simulation task", what);
        return t;
    }

    private void block(SimTask<?> me) {
        if (me.killed) {
            // the run is over: a task that caught TaskKilled and tries to block again stops here
            throw new Tasks.TaskKilled();
        }
        me.blocked = true;
        drive(me);
    }

    SimulationFailure recordFailure(String message, Throwable cause) {
        if (failure == null) {
            long now = loop.now;
            String full = String.format("%s [seed=%d, t=%.3f s]", message, seed, now / 1e9);
            failure = new SimulationFailure(full, seed, now, cause);
        }
        return failure;
    }

    static long hashBytes(byte[] b) {
        return Trace.hashBytes(b);
    }
}
