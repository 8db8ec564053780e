package io.faultline.harness.interp;

import io.faultline.core.Check;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real-time {@link Env}: platform threads (daemon, so a stuck client call cannot keep the JVM alive), time from
 * {@link System#nanoTime()} relative to this env's creation, mailboxes over {@link LinkedBlockingQueue}s bounded by
 * {@code mailboxItemsMax}.
 */
public final class LocalEnv implements Env {
    private final long startNanos;
    private final int mailboxItemsMax;

    public LocalEnv() {
        this(System.nanoTime(), 1 << 20);
    }

    /** An env whose time 0 is {@code startNanos} on the {@link System#nanoTime()} scale. */
    public LocalEnv(long startNanos, int mailboxItemsMax) {
        Check.that(mailboxItemsMax >= 1, "mailboxItemsMax must be >= 1, was %s", mailboxItemsMax);
        this.startNanos = startNanos;
        this.mailboxItemsMax = mailboxItemsMax;
    }

    @Override
    public long nowNanos() {
        return System.nanoTime() - startNanos;
    }

    @Override
    public void spawn(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public <T> Mailbox<T> mailbox() {
        return new QueueMailbox<>(mailboxItemsMax);
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    private static final class QueueMailbox<T> implements Mailbox<T> {
        private final LinkedBlockingQueue<T> queue;
        private final int itemsMax;

        QueueMailbox(int itemsMax) {
            this.queue = new LinkedBlockingQueue<>(itemsMax);
            this.itemsMax = itemsMax;
        }

        @Override
        public void put(T item) {
            Check.that(queue.offer(Check.notNull(item, "item")), "mailbox full (%s items, mailboxItemsMax)", itemsMax);
        }

        @Override
        public T poll(long timeoutNanos) throws InterruptedException {
            return timeoutNanos <= 0 ? queue.poll() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }
}
