package io.faultline.vertx.net;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.core.runtime.Transport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link Transport} over TCP for one node of a group: listens on its own endpoint, calls peers
 * from its own host address (so per-address firewall rules see the right source), and applies a
 * {@link TransportFilter}. Requests from clients outside the group arrive with {@code fromPeer = -1}.
 * All methods and callbacks run on the node's context.
 */
public final class TcpTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(TcpTransport.class.getName());

    private final Vertx vertx;
    private final Context context;
    private final int nodeId;
    private final List<Endpoint> peers;
    private final TransportConfig config;
    private final TransportFilter filter;
    private final NetworkConditions conditions;
    private final Rng faultRandom;
    private final Caller caller;
    private final Map<String, RequestHandler> handlers = new LinkedHashMap<>();
    private NetServer server;
    private volatile long requestsServed;
    private volatile long callsMade;
    private volatile long bytesMoved;
    private long connectionsClosedForBadFrames;

    public TcpTransport(Vertx vertx, Context context, int nodeId, List<Endpoint> peers, TransportConfig config,
                        TransportFilter filter) {
        this(vertx, context, nodeId, peers, config, filter, new NetworkConditions(), new Rng(nodeId));
    }

    /** With injected network faults ({@code faultRandom} decides which calls they hit). */
    public TcpTransport(Vertx vertx, Context context, int nodeId, List<Endpoint> peers, TransportConfig config,
                        TransportFilter filter, NetworkConditions conditions, Rng faultRandom) {
        Check.inRange(nodeId, 0, peers.size() - 1, "nodeId");
        this.vertx = vertx;
        this.context = context;
        this.nodeId = nodeId;
        this.peers = List.copyOf(peers);
        this.config = config;
        this.filter = filter;
        this.conditions = Check.notNull(conditions, "conditions");
        this.faultRandom = Check.notNull(faultRandom, "faultRandom");
        this.caller = new Caller(vertx, context, config, peers.get(nodeId).host(), nodeId,
                "node" + nodeId, filter::drops);
    }

    /** Starts listening on this node's endpoint. Call on the node's context. */
    public Future<Void> listen() {
        Endpoint self = peers.get(nodeId);
        server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true).setReuseAddress(true));
        server.connectHandler(this::accept);
        return server.listen(self.port(), self.host()).mapEmpty();
    }

    @Override
    public void call(int peer, String service, byte[] request, long timeoutNanos, Consumer<byte[]> onReply) {
        Check.inRange(peer, 0, peers.size() - 1, "peer");
        callsMade++;
        bytesMoved += request.length;
        if (filter.drops(peer)) {
            caller.dropped(timeoutNanos, onReply);
            return;
        }
        Consumer<byte[]> counted = reply -> {
            if (reply != null) {
                bytesMoved += reply.length;
            }
            onReply.accept(reply);
        };
        boolean reliable = conditions.reliable();
        Consumer<byte[]> deliver = conditions.longReordering() ? reordering(counted) : counted;
        if (reliable) {
            caller.call(peers.get(peer), peer, service, request, timeoutNanos, deliver);
            return;
        }
        if (faultRandom.nextInt(1000) < 100) {
            caller.dropped(1 + faultRandom.nextInt(100) * 1_000_000L, onReply); // request lost
            return;
        }
        Consumer<byte[]> lossy = reply -> deliver.accept(reply != null && faultRandom.nextInt(1000) < 100 ? null : reply);
        long delayMs = faultRandom.nextInt(27);
        if (delayMs == 0) {
            caller.call(peers.get(peer), peer, service, request, timeoutNanos, lossy);
        } else {
            ((ContextInternal) context).setTimer(delayMs,
                    t -> caller.call(peers.get(peer), peer, service, request, timeoutNanos, lossy));
        }
    }

    private Consumer<byte[]> reordering(Consumer<byte[]> next) {
        return reply -> {
            if (reply == null || faultRandom.nextInt(900) >= 600) {
                next.accept(reply);
                return;
            }
            long delayMs = 200 + faultRandom.nextInt(1 + faultRandom.nextInt(2001));
            ((ContextInternal) context).setTimer(delayMs, t -> next.accept(reply));
        };
    }

    /** Calls this node made (including dropped ones). */
    public long callsMade() {
        return callsMade;
    }

    /** Request bytes of every call plus reply bytes of delivered replies. */
    public long bytesMoved() {
        return bytesMoved;
    }

    @Override
    public void serve(String service, RequestHandler handler) {
        Check.that(!handlers.containsKey(service), "service %s already has a handler", service);
        handlers.put(service, Check.notNull(handler, "handler"));
    }

    /** Requests handed to handlers so far. */
    public long requestsServed() {
        return requestsServed;
    }

    /** Incoming connections closed because of a malformed, truncated or corrupt frame. */
    public long connectionsClosedForBadFrames() {
        return connectionsClosedForBadFrames;
    }

    /** Stops listening and closes every connection. Call on the node's context. */
    public Future<Void> close() {
        caller.close();
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void accept(NetSocket socket) {
        String label = "node" + nodeId + "<-" + socket.remoteAddress();
        Connection conn = new Connection(context, socket, config.frameBytesMax(), config.writeQueueBytesMax(), label);
        conn.start(frame -> onFrame(conn, frame), () -> {
            if (conn.badFrameReason() != null) {
                connectionsClosedForBadFrames++;
            }
        });
        socket.exceptionHandler(e -> conn.close("socket error: " + e, System.Logger.Level.INFO));
    }

    private void onFrame(Connection conn, Frame frame) {
        if (!(frame instanceof Frame.Request request)) {
            conn.close("protocol error: reply frame on an incoming connection");
            return;
        }
        int from = request.fromPeer();
        if (from >= peers.size()) {
            conn.close("request from unknown peer " + from);
            return;
        }
        if (filter.drops(from)) {
            return;
        }
        double loss = conditions.inboundLossProbability();
        if (loss > 0 && faultRandom.nextDouble() < loss) {
            return; // lost on the way in: the caller times out
        }
        long delayMs = conditions.inboundDelayMs();
        if (delayMs > 0) {
            ((ContextInternal) context).setTimer(delayMs, t -> handle(conn, request, from));
        } else {
            handle(conn, request, from);
        }
    }

    private void handle(Connection conn, Frame.Request request, int from) {
        RequestHandler handler = handlers.get(request.service());
        if (handler == null) {
            LOG.log(System.Logger.Level.DEBUG, "node{0}: no handler for service {1}", nodeId, request.service());
            return;
        }
        requestsServed++;
        boolean[] replied = new boolean[1];
        handler.handle(from, request.body(), reply -> {
            Check.that(!replied[0], "request %s of %s replied to twice", request.requestId(), request.service());
            replied[0] = true;
            if (!filter.drops(from)) {
                conn.send(new Frame.Reply(request.requestId(), Check.notNull(reply, "reply")));
            }
        });
    }
}
