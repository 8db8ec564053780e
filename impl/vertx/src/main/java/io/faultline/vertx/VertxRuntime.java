package io.faultline.vertx;

import io.faultline.core.Rng;
import io.faultline.core.runtime.Clock;
import io.faultline.core.runtime.Runtime;
import io.faultline.core.runtime.Storage;
import io.faultline.core.runtime.Transport;
import io.faultline.vertx.net.TcpTransport;
import io.faultline.vertx.storage.FileStorage;

/** The {@link Runtime} of one node on Vert.x; see {@link VertxNode} for how it is started. */
public final class VertxRuntime implements Runtime {
    private final int nodeId;
    private final NodeClock clock;
    private final Rng random;
    private final FileStorage storage;
    private final TcpTransport transport;

    VertxRuntime(int nodeId, NodeClock clock, Rng random, FileStorage storage, TcpTransport transport) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.random = random;
        this.storage = storage;
        this.transport = transport;
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Rng random() {
        return random;
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    public NodeClock nodeClock() {
        return clock;
    }

    public FileStorage fileStorage() {
        return storage;
    }

    public TcpTransport tcpTransport() {
        return transport;
    }
}
