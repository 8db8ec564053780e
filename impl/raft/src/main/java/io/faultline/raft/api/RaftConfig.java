package io.faultline.raft.api;

import io.faultline.core.Check;

/**
 * Timing and limits for one Raft peer. Drivers turn milliseconds into ticks; the core only counts
 * ticks.
 *
 * @param nodeCount            peers in the group (ids 0..nodeCount-1)
 * @param tickMs               driver tick interval
 * @param heartbeatTicks       leader heartbeat interval in ticks
 * @param electionTicksMin     lower bound of the randomised election timeout, in ticks
 * @param electionTicksMax     upper bound (inclusive)
 * @param rpcTimeoutMs         how long one RPC may stay outstanding before it counts as failed
 * @param entriesPerAppendMax  most entries in one AppendEntries
 * @param bytesPerAppendMax    most command bytes in one AppendEntries
 * @param inflightAppendsMax   most AppendEntries outstanding to one follower
 */
public record RaftConfig(
        int nodeCount,
        int tickMs,
        int heartbeatTicks,
        int electionTicksMin,
        int electionTicksMax,
        int rpcTimeoutMs,
        int entriesPerAppendMax,
        int bytesPerAppendMax,
        int inflightAppendsMax) {

    public RaftConfig {
        Check.inRange(nodeCount, 1, 99, "nodeCount");
        Check.inRange(tickMs, 1, 10_000, "tickMs");
        Check.inRange(heartbeatTicks, 1, 10_000, "heartbeatTicks");
        Check.that(electionTicksMin > heartbeatTicks, "electionTicksMin %s must exceed heartbeatTicks %s",
                electionTicksMin, heartbeatTicks);
        Check.that(electionTicksMax >= electionTicksMin, "electionTicksMax %s < electionTicksMin %s",
                electionTicksMax, electionTicksMin);
        Check.inRange(rpcTimeoutMs, 1, 600_000, "rpcTimeoutMs");
        Check.inRange(entriesPerAppendMax, 1, 1_000_000, "entriesPerAppendMax");
        Check.inRange(bytesPerAppendMax, 1, 64 << 20, "bytesPerAppendMax");
        Check.inRange(inflightAppendsMax, 1, 10_000, "inflightAppendsMax");
    }

    /**
     * Default AppendEntries window per follower: replication is pipelined (a new batch may go out
     * while earlier ones await their replies), so a follower's fsync overlaps the next batch's trip.
     */
    public static final int INFLIGHT_APPENDS_DEFAULT = 8;

    /** Defaults that satisfy the 6.5840 tests: ~10 heartbeats/s, leader within a few hundred ms. */
    public static RaftConfig defaults(int nodeCount) {
        return new RaftConfig(nodeCount, 10, 10, 30, 60, 1_000, 512, 4 << 20, INFLIGHT_APPENDS_DEFAULT);
    }
}
