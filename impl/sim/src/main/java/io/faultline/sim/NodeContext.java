package io.faultline.sim;

import io.faultline.core.Rng;
import java.util.HashMap;
import java.util.Map;

/**
 * The execution context of one node incarnation (or of a standalone server). Events owned by a
 * context run only while it is alive; a crash cuts it off for good. Internal.
 */
final class NodeContext {
    final String name;
    /** Deterministic id, unique within the simulation. */
    final long id;
    final Rng rng;
    boolean alive = true;
    /** While paused (SIGSTOP), the node's events wait in {@link #deferred} until resumed. */
    boolean paused;
    final java.util.ArrayList<Event> deferred = new java.util.ArrayList<>();
    /** Requests that reached this paused node, dispatched at resume (or failed at crash). */
    final java.util.ArrayList<RpcCall> pausedCalls = new java.util.ArrayList<>();
    /** Added to virtual time in what this node's clock reads (clock skew). */
    long clockOffsetNanos;
    /** Pending timers by id, for cancellation; never iterated. */
    final Map<Long, Event> timers = new HashMap<>();

    NodeContext(String name, long id, Rng rng) {
        this.name = name;
        this.id = id;
        this.rng = rng;
    }

    @Override
    public String toString() {
        return name;
    }
}
