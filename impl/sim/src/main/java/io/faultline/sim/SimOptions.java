package io.faultline.sim;

import io.faultline.core.Check;

/**
 * Options of one simulation. A run is a pure function of (seed, options, code).
 *
 * @param timeLimitNanos      virtual-time limit of a run; an event later than this fails the run
 *                            (the 6.5840 tests allow 120 s per test)
 * @param watchdogMillis      wall-clock limit of a run; protects against tasks that never yield
 * @param fsyncLatencyNanos   virtual time between {@code Storage.sync} and its completion
 * @param tornWrites          on crash, keep a random prefix of unsynced appends (instead of losing
 *                            them all); unsynced whole-file writes are still lost
 * @param eventsMax           most events one run may execute (guards against livelock)
 * @param pendingEventsMax    most events that may be queued at once
 * @param tasksMax            most tasks one run may spawn
 */
public record SimOptions(
        long timeLimitNanos,
        long watchdogMillis,
        long fsyncLatencyNanos,
        boolean tornWrites,
        long eventsMax,
        int pendingEventsMax,
        int tasksMax) {

    public static final long SECOND_NANOS = 1_000_000_000L;

    public SimOptions {
        Check.inRange(timeLimitNanos, 1, Long.MAX_VALUE / 4, "timeLimitNanos");
        Check.inRange(watchdogMillis, 1, 24L * 3600 * 1000, "watchdogMillis");
        Check.inRange(fsyncLatencyNanos, 0, 3600 * SECOND_NANOS, "fsyncLatencyNanos");
        Check.inRange(eventsMax, 1, Long.MAX_VALUE, "eventsMax");
        Check.inRange(pendingEventsMax, 16, 1 << 28, "pendingEventsMax");
        Check.inRange(tasksMax, 1, 10_000_000, "tasksMax");
    }

    /** 120 virtual seconds, 120 wall seconds, instant fsync, no torn writes. */
    public static SimOptions defaults() {
        return new SimOptions(120 * SECOND_NANOS, 120_000, 0, false, 2_000_000_000L, 10_000_000, 1_000_000);
    }

    public SimOptions withTimeLimitNanos(long v) {
        return new SimOptions(v, watchdogMillis, fsyncLatencyNanos, tornWrites, eventsMax, pendingEventsMax, tasksMax);
    }

    public SimOptions withWatchdogMillis(long v) {
        return new SimOptions(timeLimitNanos, v, fsyncLatencyNanos, tornWrites, eventsMax, pendingEventsMax, tasksMax);
    }

    public SimOptions withFsyncLatencyNanos(long v) {
        return new SimOptions(timeLimitNanos, watchdogMillis, v, tornWrites, eventsMax, pendingEventsMax, tasksMax);
    }

    public SimOptions withTornWrites(boolean v) {
        return new SimOptions(timeLimitNanos, watchdogMillis, fsyncLatencyNanos, v, eventsMax, pendingEventsMax, tasksMax);
    }

    public SimOptions withEventsMax(long v) {
        return new SimOptions(timeLimitNanos, watchdogMillis, fsyncLatencyNanos, tornWrites, v, pendingEventsMax, tasksMax);
    }

    public SimOptions withPendingEventsMax(int v) {
        return new SimOptions(timeLimitNanos, watchdogMillis, fsyncLatencyNanos, tornWrites, eventsMax, v, tasksMax);
    }

    public SimOptions withTasksMax(int v) {
        return new SimOptions(timeLimitNanos, watchdogMillis, fsyncLatencyNanos, tornWrites, eventsMax, pendingEventsMax, v);
    }
}
