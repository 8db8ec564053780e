package io.faultline.core.runtime;

/**
 * Time as the node sees it. On the simulator it is virtual time; on Vert.x it is the monotonic
 * clock plus an offset a nemesis may change (clock skew). Only drivers know milliseconds; cores
 * count ticks.
 */
public interface Clock {
    /** Nanoseconds on this node's clock. Monotonic unless a clock fault moves it. */
    long nowNanos();

    /**
     * Runs {@code callback} on the node's context after at least {@code delayNanos}. A delay of 0
     * defers the callback to after the current one. Returns an id for {@link #cancelTimer}.
     */
    long setTimer(long delayNanos, Runnable callback);

    /** Cancels a timer if it has not fired; cancelling a fired or unknown timer does nothing. */
    void cancelTimer(long timerId);
}
