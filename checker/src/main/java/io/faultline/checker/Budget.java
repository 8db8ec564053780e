package io.faultline.checker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Limits for a search: wall time, an estimate of cache memory, and a cancellation flag shared by
 * every worker. When a limit is hit the verdict is {@link Validity#UNKNOWN}, never "assume ok".
 */
public final class Budget {
    private final long deadlineNanos;
    private final long timeLimitMs;
    private final long memoryBytesMax;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong bytesUsed = new java.util.concurrent.atomic.AtomicLong();

    public Budget(long timeLimitMs, long memoryBytesMax) {
        this.timeLimitMs = timeLimitMs;
        this.deadlineNanos = timeLimitMs <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeLimitMs * 1_000_000L;
        this.memoryBytesMax = memoryBytesMax <= 0 ? Long.MAX_VALUE : memoryBytesMax;
    }

    /** No time limit; memory bounded by a quarter of the JVM's maximum heap. */
    public static Budget unlimitedTime() {
        return new Budget(0, Runtime.getRuntime().maxMemory() / 4);
    }

    public static Budget ofSeconds(double seconds) {
        return new Budget((long) (seconds * 1000), Runtime.getRuntime().maxMemory() / 4);
    }

    public long timeLimitMs() {
        return timeLimitMs;
    }

    public long memoryBytesMax() {
        return memoryBytesMax;
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean cancelled() {
        return cancelled.get();
    }

    /** Adds (or, negative, returns) estimated cache bytes; shared by all searches of one check. */
    void account(long deltaBytes) {
        bytesUsed.addAndGet(deltaBytes);
    }

    /** The estimated cache memory in use by searches under this budget. */
    public long bytesUsed() {
        return bytesUsed.get();
    }

    /** Why the search must stop now, or null to continue. */
    String exhausted() {
        long cacheBytes = bytesUsed.get();
        if (cancelled.get() || Thread.currentThread().isInterrupted()) {
            return "cancelled";
        }
        if (System.nanoTime() - deadlineNanos > 0 && deadlineNanos != Long.MAX_VALUE) {
            return "time limit of " + timeLimitMs + " ms reached";
        }
        if (cacheBytes > memoryBytesMax) {
            return "memory budget of " + (memoryBytesMax >> 20) + " MiB reached";
        }
        return null;
    }
}
