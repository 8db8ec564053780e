package io.faultline.backend.sim;

import io.faultline.core.Check;
import io.faultline.harness.interp.Mailbox;
import io.faultline.sim.Simulation;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * A single-consumer queue whose {@link #poll} waits in virtual time. A waiting poll is woken by
 * exactly one of two events: the first {@link #put} after it started waiting, or its timeout
 * event; whichever the simulator's event queue runs first wins and the other is ignored (a stale
 * timeout event still runs, as a no-op, so the event trace stays a function of the seed).
 */
final class SimMailbox<T> implements Mailbox<T> {
    /** Longest wait that gets a timeout event; longer waits wait for a put only (beyond any run's time limit). */
    static final long WAIT_NANOS_MAX = 365L * 24 * 3600 * 1_000_000_000L;

    private final Simulation sim;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    /** The waiting poll's wake-up, or null when no poll waits. */
    private Consumer<Boolean> waiter;
    private long waits;

    SimMailbox(Simulation sim) {
        this.sim = sim;
    }

    @Override
    public void put(T item) {
        Check.notNull(item, "item");
        items.addLast(item);
        Consumer<Boolean> w = waiter;
        if (w != null) {
            waiter = null;
            w.accept(Boolean.TRUE);
        }
    }

    @Override
    public T poll(long timeoutNanos) {
        Check.that(timeoutNanos >= 0, "negative timeout %s ns", timeoutNanos);
        T head = items.pollFirst();
        if (head != null || timeoutNanos == 0) {
            return head;
        }
        Check.that(waiter == null, "a mailbox has one consumer; two polls wait at once");
        long wait = ++waits;
        sim.<Boolean>awaitResult(wake -> {
            waiter = wake;
            if (timeoutNanos <= WAIT_NANOS_MAX) {
                sim.schedule(timeoutNanos, () -> {
                    if (waiter == wake && waits == wait) {
                        waiter = null;
                        wake.accept(Boolean.FALSE);
                    }
                });
            }
        });
        return items.pollFirst();
    }

    /** Items waiting (for tests). */
    int size() {
        return items.size();
    }
}
