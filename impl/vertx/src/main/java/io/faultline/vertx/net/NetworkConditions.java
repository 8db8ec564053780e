package io.faultline.vertx.net;

/**
 * Faults the transport injects into a node's outgoing calls, modelled on 6.5840's labrpc, for
 * running the lab scenarios on the real runtime. Thread-safe; off by default.
 *
 * <ul>
 *   <li>unreliable: each request is delayed 0-26 ms; 10% of requests are dropped (the call fails
 *       after 0-99 ms) and 10% of replies are dropped (the call fails when the reply arrives);</li>
 *   <li>long reordering: 2/3 of replies are held back 200 + U[0, U[0, 2000]) ms;</li>
 *   <li>inbound delay and loss (the harness's delay and loss faults): each request arriving at
 *       this node, from a peer or a client, is dropped with the inbound loss probability, and
 *       otherwise handled after the inbound delay.</li>
 * </ul>
 */
public final class NetworkConditions {
    private volatile boolean reliable = true;
    private volatile boolean longReordering;
    private volatile long inboundDelayMs;
    private volatile double inboundLossProbability;

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

    public long inboundDelayMs() {
        return inboundDelayMs;
    }

    /** Delays every request arriving at this node by {@code delayMs} (0: none). */
    public void setInboundDelayMs(long delayMs) {
        if (delayMs < 0 || delayMs > 60_000) {
            throw new IllegalArgumentException("delayMs must be in 0..60000, was " + delayMs);
        }
        this.inboundDelayMs = delayMs;
    }

    public double inboundLossProbability() {
        return inboundLossProbability;
    }

    /** Drops each request arriving at this node with this probability (0: none). */
    public void setInboundLossProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("lossProbability must be in [0, 1], was " + probability);
        }
        this.inboundLossProbability = probability;
    }
}
