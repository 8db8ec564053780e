package io.faultline.vertx.net;

/**
 * Faults the transport injects into a node's outgoing calls, modelled on 6.5840's labrpc, for
 * running the lab scenarios on the real runtime. Thread-safe; off by default.
 *
 * <ul>
 *   <li>unreliable: each request is delayed 0-26 ms; 10% of requests are dropped (the call fails
 *       after 0-99 ms) and 10% of replies are dropped (the call fails when the reply arrives);</li>
 *   <li>long reordering: 2/3 of replies are held back 200 + U[0, U[0, 2000]) ms.</li>
 * </ul>
 */
public final class NetworkConditions {
    private volatile boolean reliable = true;
    private volatile boolean longReordering;

    public boolean reliable() {
        return reliable;
    }

    public void setReliable(boolean reliable) {
        this.reliable = reliable;
    }

    public boolean longReordering() {
        return longReordering;
    }

    public void setLongReordering(boolean longReordering) {
        this.longReordering = longReordering;
    }
}
