package io.faultline.vertx;

import io.faultline.core.Check;
import io.faultline.core.runtime.Clock;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's {@link Clock}: {@link System#nanoTime()} plus an offset that a clock fault may change
 * at any time ({@link #setOffsetNanos}); timers are Vert.x timers on the node's context, with
 * millisecond resolution (a delay is rounded up). A delay of 0 runs after the current callback.
 */
public final class NodeClock implements Clock {
    private final ContextInternal context;
    private volatile long offsetNanos;
    private final Map<Long, Long> vertxTimers = new LinkedHashMap<>();
    private long nextTimerId = 1;

    public NodeClock(Context context) {
        this.context = (ContextInternal) Check.notNull(context, "context");
    }

    @Override
    public long nowNanos() {
        return System.nanoTime() + offsetNanos;
    }

    @Override
    public long setTimer(long delayNanos, Runnable callback) {
        Check.that(delayNanos >= 0, "negative timer delay %s", delayNanos);
        long id = nextTimerId++;
        if (delayNanos == 0) {
            vertxTimers.put(id, -1L);
            context.runOnContext(v -> {
                if (vertxTimers.remove(id) != null) {
                    callback.run();
                }
            });
        } else {
            long ms = Math.max(1, (delayNanos + 999_999) / 1_000_000);
            long vid = context.setTimer(ms, t -> {
                if (vertxTimers.remove(id) != null) {
                    callback.run();
                }
            });
            vertxTimers.put(id, vid);
        }
        return id;
    }

    @Override
    public void cancelTimer(long timerId) {
        Long vid = vertxTimers.remove(timerId);
        if (vid != null && vid >= 0) {
            context.owner().cancelTimer(vid);
        }
    }

    /** Shifts this node's clock; thread-safe (the admin endpoint calls it). */
    public void setOffsetNanos(long offset) {
        offsetNanos = offset;
    }

    public long offsetNanos() {
        return offsetNanos;
    }

    /** Timers set and not yet fired or cancelled. */
    public int activeTimers() {
        return vertxTimers.size();
    }

    /** Cancels every timer (node shutdown). */
    void cancelAll() {
        for (Long vid : vertxTimers.values()) {
            if (vid >= 0) {
                context.owner().cancelTimer(vid);
            }
        }
        vertxTimers.clear();
    }
}
