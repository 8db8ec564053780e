package io.faultline.sim;

import java.util.concurrent.locks.LockSupport;

/**
 * Baton passing between the driver thread (the caller of {@link Simulation#run}) and task threads.
 * Exactly one thread runs at a time: the one {@link #owner} names; only that thread hands the
 * baton on. Whoever holds the baton also runs the event loop, so a task that blocks keeps
 * executing events on its own thread until some event wakes a different task: a thread hand-off
 * happens only when another thread really has to run. Internal.
 */
final class Tasks {
    /** Thrown inside a task to unwind it when the run ends. */
    static final class TaskKilled extends Error {
        private static final long serialVersionUID = 1L;

        TaskKilled() {
            super("simulation task stopped because the run ended", null, false, false);
        }
    }

    private volatile Thread owner;
    private Thread driverThread;
    /** The task whose body is running now; null while events run or the driver runs. */
    private SimTask<?> current;
    private int liveThreads;

    void attachDriver(Thread t) {
        driverThread = t;
        owner = t;
    }

    boolean isDriverThread() {
        return Thread.currentThread() == driverThread;
    }

    SimTask<?> current() {
        SimTask<?> c = current;
        return c != null && c.thread == Thread.currentThread() ? c : null;
    }

    void setCurrent(SimTask<?> t) {
        current = t;
    }

    int liveThreads() {
        return liveThreads;
    }

    /** Hands the baton to task {@code t}, starting its thread on first use. Does not wait. */
    void handTo(SimTask<?> t, Runnable threadMain) {
        if (t.thread == null) {
            Thread th = new Thread(threadMain, "sim-task-" + t.name);
            th.setDaemon(true);
            t.thread = th;
            liveThreads++;
            owner = th;
            th.start();
        } else {
            owner = t.thread;
            LockSupport.unpark(t.thread);
        }
    }

    /** The name of the thread holding the baton (for watchdog reports). */
    String ownerName() {
        Thread t = owner;
        return t == null ? "none" : t.getName();
    }

    /** Hands the baton back to the driver thread. Does not wait. */
    void handToDriver() {
        owner = driverThread;
        LockSupport.unpark(driverThread);
    }

    /** Called by a task thread when it ends, while it holds the baton. */
    void threadEnded() {
        liveThreads--;
    }

    /** Parks the calling thread until it holds the baton. */
    void awaitBaton() {
        Thread me = Thread.currentThread();
        while (owner != me) {
            LockSupport.park(this);
        }
    }

    /**
     * Parks the driver thread until it holds the baton or the wall clock passes
     * {@code deadlineNanos}; returns whether it holds the baton.
     */
    boolean awaitBatonUntil(long deadlineNanos) {
        Thread me = Thread.currentThread();
        while (owner != me) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, Math.min(left, 50_000_000L));
        }
        return true;
    }
}
