package io.faultline.sim;

import java.util.concurrent.locks.LockSupport;

/**
 * Baton passing between the scheduler thread and task threads. Exactly one of them runs at a time:
 * the one {@link #owner} names. Only the running thread hands the baton on. Internal.
 */
final class Tasks {
    /** Thrown inside a task to unwind it when the run ends; never caught by the simulator's users. */
    static final class TaskKilled extends Error {
        private static final long serialVersionUID = 1L;

        TaskKilled() {
            super("simulation task stopped because the run ended", null, false, false);
        }
    }

    private final Simulation sim;
    private volatile Thread owner;
    private Thread schedulerThread;
    /** The task holding the baton, or null when the scheduler runs. */
    private SimTask<?> current;
    private int liveThreads;

    Tasks(Simulation sim) {
        this.sim = sim;
    }

    void attachScheduler(Thread t) {
        schedulerThread = t;
        owner = t;
    }

    SimTask<?> current() {
        SimTask<?> c = current;
        return c != null && c.thread == Thread.currentThread() ? c : null;
    }

    int liveThreads() {
        return liveThreads;
    }

    /**
     * Runs {@code t} until it blocks or ends. Called on the scheduler thread from the top of the
     * event loop. Returns false if the wall-clock watchdog fired while the task ran.
     */
    boolean resume(SimTask<?> t, long wallDeadlineNanos) {
        current = t;
        if (t.thread == null) {
            Thread th = new Thread(() -> threadMain(t), "sim-task-" + t.name);
            th.setDaemon(true);
            t.thread = th;
            liveThreads++;
            owner = th;
            th.start();
        } else {
            owner = t.thread;
            LockSupport.unpark(t.thread);
        }
        Thread me = Thread.currentThread();
        while (owner != me) {
            LockSupport.parkNanos(this, 20_000_000L);
            if (owner != me && System.nanoTime() - wallDeadlineNanos > 0) {
                t.runaway = true;
                current = null;
                t.thread.interrupt();
                return false;
            }
        }
        current = null;
        return true;
    }

    /** Called on a task thread: hands the baton back and waits for the next resume. */
    void yieldFrom(SimTask<?> t) {
        if (t.killed) {
            // the run is over: a task that caught TaskKilled and tries to block again stops here
            throw new TaskKilled();
        }
        Thread me = Thread.currentThread();
        owner = schedulerThread;
        LockSupport.unpark(schedulerThread);
        while (owner != me) {
            LockSupport.park(this);
        }
        if (t.killed) {
            throw new TaskKilled();
        }
    }

    private void threadMain(SimTask<?> t) {
        Thread me = Thread.currentThread();
        while (owner != me) {
            LockSupport.park(this);
        }
        try {
            if (!t.killed) {
                runBody(t);
            }
        } catch (TaskKilled k) {
            // the run ended; unwind quietly
        } catch (Throwable e) {
            t.error = e;
            sim.taskFailed(t, e);
        } finally {
            t.done = true;
            t.blocked = false;
            liveThreads--;
            if (!t.killed) {
                sim.taskEnded(t);
            }
            if (!t.runaway) {
                owner = schedulerThread;
                LockSupport.unpark(schedulerThread);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void runBody(SimTask<T> t) throws Exception {
        t.result = t.body.call();
    }
}
