package io.faultline.vertx.net;

import java.util.Set;
import java.util.TreeSet;

/**
 * Drops traffic to and from chosen peers at the transport (for tests, and as the fallback
 * partition mechanism when iptables is not available). A dropped request is never sent and its
 * call fails at its timeout; a request or reply arriving from a dropped peer is ignored. Peer -1
 * stands for every client outside the group. Thread-safe: the admin endpoint may change it.
 */
public final class TransportFilter {
    private volatile Set<Integer> dropped = Set.of();

    /** Replaces the set of peers whose traffic is dropped (empty: drop nothing). */
    public void dropPeers(Set<Integer> peers) {
        dropped = Set.copyOf(new TreeSet<>(peers));
    }

    public boolean drops(int peer) {
        return dropped.contains(peer);
    }

    /** The dropped peers, sorted. */
    public Set<Integer> droppedPeers() {
        return new TreeSet<>(dropped);
    }
}
