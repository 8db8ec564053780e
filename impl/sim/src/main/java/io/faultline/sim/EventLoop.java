package io.faultline.sim;

import io.faultline.core.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The event side of a simulation: the queue ordered by (time, seq), the virtual clock, the trace
 * hash, the optional ring of recent events, and the steps of executing one event. Whichever
 * thread holds the baton calls it. Internal.
 */
final class EventLoop {
    private final Simulation sim;
    private final SimOptions options;
    private final EventQueue queue;
    long now;
    private long seq;
    long eventCount;
    long trace;
    /** Set once the run ended: events scheduled later are dropped. */
    boolean closed;
    long wallDeadlineNanos;
    private Event[] recent;
    private long recentCount;

    EventLoop(Simulation sim, SimOptions options, long seed) {
        this.sim = sim;
        this.options = options;
        this.queue = new EventQueue(options.pendingEventsMax());
        this.trace = Trace.mix(seed ^ 0x5EED5EED5EEDL);
    }

    Event schedule(long delayNanos, byte kind, NodeContext owner, Runnable action) {
        // checked without boxing: this is the hottest path of the simulator
        if (delayNanos < 0 || delayNanos > Long.MAX_VALUE / 4) {
            Check.inRange(delayNanos, 0, Long.MAX_VALUE / 4, "delayNanos");
        }
        Event e = new Event(now + delayNanos, seq++, kind, owner, action);
        if (!closed) {
            queue.add(e);
        }
        return e;
    }

    /** Re-queues, at the current time and in their original order, events deferred by a pause. */
    void requeue(List<Event> events) {
        for (Event e : events) {
            e.time = now;
            e.seq = seq++;
            if (!closed) {
                queue.add(e);
            }
        }
    }

    void close() {
        closed = true;
        queue.clear();
    }

    /**
     * Pops the next event to run and advances the clock to it; null when the popped event is to be
     * skipped (cancelled, dead or paused owner) or the run failed (queue empty, limits).
     */
    Event next() {
        Event e = queue.poll();
        if (e == null) {
            sim.recordFailure("deadlock: no pending events while the main task waits", null);
            return null;
        }
        if (e.cancelled || (e.owner != null && !e.owner.alive)) {
            return null;
        }
        if (e.owner != null && e.owner.paused) {
            Check.that(e.owner.deferred.size() < options.pendingEventsMax(), "too many events deferred for paused %s",
                    e.owner.name);
            e.owner.deferred.add(e);
            return null;
        }
        if (e.time > options.timeLimitNanos()) {
            sim.recordFailure(String.format("virtual time limit of %.1f s exceeded", options.timeLimitNanos() / 1e9),
                    null);
            return null;
        }
        now = e.time;
        if (++eventCount > options.eventsMax()) {
            sim.recordFailure("more than eventsMax=" + options.eventsMax() + " events", null);
            return null;
        }
        trace = Trace.fold(trace, e);
        if (recent != null) {
            recent[(int) (recentCount++ % recent.length)] = e;
        }
        if ((eventCount & 0xFFF) == 0 && System.nanoTime() - wallDeadlineNanos > 0) {
            sim.recordFailure("wall-clock watchdog of " + options.watchdogMillis() + " ms fired", null);
        }
        return e;
    }

    /** Runs a non-task event; an exception fails the run, naming the node. */
    void execute(Event e) {
        if (e.kind == Event.TIMER) {
            e.owner.timers.remove(e.timerId);
        }
        try {
            e.action.run();
        } catch (SimulationFailure f) {
            sim.recordFailure(f.getMessage(), f.getCause());
        } catch (Tasks.TaskKilled k) {
            throw k;
        } catch (Throwable t) {
            String where = e.owner != null ? "node " + e.owner.name : "harness event";
            sim.recordFailure(where + " threw " + t, t);
        }
    }

    void keepRecent(int eventsMax) {
        Check.inRange(eventsMax, 0, 1_000_000, "eventsMax");
        recent = eventsMax == 0 ? null : new Event[eventsMax];
        recentCount = 0;
    }

    List<String> recent() {
        List<String> out = new ArrayList<>();
        if (recent == null) {
            return out;
        }
        long from = Math.max(0, recentCount - recent.length);
        for (long i = from; i < recentCount; i++) {
            out.add(recent[(int) (i % recent.length)].describe());
        }
        return out;
    }
}
