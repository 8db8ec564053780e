package io.faultline.vertx.net;

import io.faultline.core.Check;

/**
 * Limits and timings of the TCP transport. Every queue has a maximum.
 *
 * @param connectTimeoutMs       how long one connection attempt may take
 * @param reconnectBackoffMsMin  wait after the first failed attempt; doubles per failure
 * @param reconnectBackoffMsMax  the cap of that wait
 * @param queuedFramesMax        frames held for a peer while its connection is being set up
 * @param writeQueueBytesMax     bytes a connection may have unwritten before calls fail fast
 * @param pendingCallsMax        calls awaiting a reply, over all peers
 * @param frameBytesMax          the largest frame accepted or sent
 */
public record TransportConfig(
        int connectTimeoutMs,
        int reconnectBackoffMsMin,
        int reconnectBackoffMsMax,
        int queuedFramesMax,
        int writeQueueBytesMax,
        int pendingCallsMax,
        int frameBytesMax) {

    public TransportConfig {
        Check.inRange(connectTimeoutMs, 1, 600_000, "connectTimeoutMs");
        Check.inRange(reconnectBackoffMsMin, 1, 600_000, "reconnectBackoffMsMin");
        Check.that(reconnectBackoffMsMax >= reconnectBackoffMsMin, "reconnectBackoffMsMax %s < reconnectBackoffMsMin %s",
                reconnectBackoffMsMax, reconnectBackoffMsMin);
        Check.inRange(queuedFramesMax, 1, 10_000_000, "queuedFramesMax");
        Check.inRange(writeQueueBytesMax, 1024, 1 << 30, "writeQueueBytesMax");
        Check.inRange(pendingCallsMax, 1, 10_000_000, "pendingCallsMax");
        Check.inRange(frameBytesMax, 64, 64 << 20, "frameBytesMax");
    }

    public static TransportConfig defaults() {
        return new TransportConfig(1_000, 10, 200, 10_000, 64 << 20, 100_000, 32 << 20);
    }
}
