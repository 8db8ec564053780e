package io.faultline.vertx;

import io.faultline.core.Check;
import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.net.TransportConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * One group member on the Vert.x runtime.
 *
 * @param nodeId    this node's id, an index into {@code peers}
 * @param peers     every member's endpoint; this node listens on {@code peers[nodeId]} and connects
 *                  from that host
 * @param dataDir   this node's storage directory
 * @param seed      seed of the node's {@link io.faultline.core.Rng}
 * @param transport transport limits and timings
 */
public record NodeConfig(int nodeId, List<Endpoint> peers, Path dataDir, long seed, TransportConfig transport) {
    public NodeConfig {
        Check.notNull(peers, "peers");
        Check.inRange(peers.size(), 1, 99, "peers.size()");
        Check.inRange(nodeId, 0, peers.size() - 1, "nodeId");
        Check.notNull(dataDir, "dataDir");
        Check.notNull(transport, "transport");
        Check.that(peers.stream().distinct().count() == peers.size(), "peers contain a duplicate: %s", peers);
        peers = List.copyOf(peers);
    }
}
