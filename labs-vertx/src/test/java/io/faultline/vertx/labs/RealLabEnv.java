package io.faultline.vertx.labs;

import io.faultline.core.Rng;
import io.faultline.labs.LabEnv;
import io.faultline.labs.LabFailure;
import io.faultline.labs.LabTask;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LabEnv} in real time: the monotonic clock, one thread per task, and a seeded random
 * source per thread (forked from the test's seed, so tasks never share one). The first failure
 * wins; other tasks see it at their next {@link #sleepMs}.
 */
final class RealLabEnv implements LabEnv {
    private final long startNanos = System.nanoTime();
    private final Rng root;
    private final ThreadLocal<Rng> perThread;
    private final List<Thread> threads = new ArrayList<>();
    private volatile LabFailure failure;

    RealLabEnv(long seed) {
        this.root = new Rng(seed);
        this.perThread = ThreadLocal.withInitial(() -> {
            synchronized (root) {
                return root.fork(Thread.currentThread().getName());
            }
        });
    }

    @Override
    public long nowMs() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    @Override
    public void sleepMs(long ms) {
        rethrow();
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted");
        }
        rethrow();
    }

    @Override
    public LabTask spawn(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (LabFailure f) {
                fail(f.getMessage());
            } catch (RuntimeException | Error e) {
                fail("task " + name + " threw " + e);
            }
        }, "lab-" + name);
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        t.start();
        return new LabTask() {
            @Override
            public boolean isDone() {
                return !t.isAlive();
            }

            @Override
            public void join() {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw fail("interrupted");
                }
                rethrow();
            }
        };
    }

    @Override
    public Rng random() {
        return perThread.get();
    }

    @Override
    public synchronized LabFailure fail(String message) {
        if (failure == null) {
            failure = new LabFailure(message);
        }
        return new LabFailure(message);
    }

    /** The first failure, or null. */
    LabFailure failure() {
        return failure;
    }

    /** Waits for every spawned task to end, at most {@code ms} each. */
    void joinAll(long ms) throws InterruptedException {
        List<Thread> all;
        synchronized (threads) {
            all = new ArrayList<>(threads);
        }
        for (Thread t : all) {
            t.join(ms);
        }
    }

    private void rethrow() {
        LabFailure f = failure;
        if (f != null) {
            throw new LabFailure(f.getMessage());
        }
    }
}
