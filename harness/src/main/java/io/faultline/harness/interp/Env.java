package io.faultline.harness.interp;

/**
 * Where the interpreter runs: real threads and the system clock, or simulator tasks in virtual
 * time. The interpreter creates its workers and waits only through this interface, so one
 * interpreter serves both backends.
 */
public interface Env {
    /** Nanoseconds since the test started (monotonic). */
    long nowNanos();

    /** Starts {@code body} as a new worker (a thread, or a simulator task). */
    void spawn(String name, Runnable body);

    /** A new single-consumer queue whose {@code poll} waits in this env's time. */
    <T> Mailbox<T> mailbox();

    /** Waits {@code nanos} in this env's time. */
    void sleepNanos(long nanos) throws InterruptedException;
}
