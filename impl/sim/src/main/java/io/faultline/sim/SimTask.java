package io.faultline.sim;

import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulation task: blocking test code (a 6.5840 test body, a client loop, a fault thread) run on
 * its own Java thread under strict baton passing, so exactly one thread runs at any moment and the
 * interleaving is decided only by the event queue. Tasks sleep in virtual time
 * ({@link Simulation#sleepMillis}), block on calls ({@link Client#call}, {@link Simulation#awaitResult})
 * and may call node objects directly, since nothing else runs meanwhile.
 */
public final class SimTask<T> {
    final Simulation sim;
    final String name;
    final Rng rng;
    final TaskCallable<T> body;
    Thread thread;
    boolean done;
    boolean killed;
    /** Set when the watchdog gave up on this task while it was running. */
    volatile boolean runaway;
    /** True while the task waits for a wake-up event. */
    boolean blocked = true;
    /** Identifies the current wait; stale wake-ups carry an older token and are ignored. */
    long token;
    T result;
    Throwable error;
    final List<SimTask<?>> joiners = new ArrayList<>(2);
    final List<Long> joinerTokens = new ArrayList<>(2);

    SimTask(Simulation sim, String name, Rng rng, TaskCallable<T> body) {
        this.sim = sim;
        this.name = name;
        this.rng = rng;
        this.body = body;
    }

    /** The name given at spawn. */
    public String name() {
        return name;
    }

    /** True once the body returned or threw (or the task was killed at the end of the run). */
    public boolean isDone() {
        return done;
    }

    /** This task's own seeded random source (a fork of the simulation's). */
    public Rng random() {
        return rng;
    }

    /**
     * Blocks the calling task until this task has finished and returns its value. Must be called
     * from another task. If this task failed, the run is already failing and the caller is stopped.
     */
    public T join() {
        sim.join(this);
        return result;
    }

    @Override
    public String toString() {
        return "task '" + name + "'";
    }
}
