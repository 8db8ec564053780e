package io.faultline.harness.interp;

/** A queue between interpreter workers: any worker puts, one worker polls. */
public interface Mailbox<T> {
    void put(T item);

    /** The next item, waiting at most {@code timeoutNanos} (0: do not wait); null when none came. */
    T poll(long timeoutNanos) throws InterruptedException;
}
