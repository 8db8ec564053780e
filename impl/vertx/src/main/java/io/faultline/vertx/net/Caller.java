package io.faultline.vertx.net;

import io.faultline.core.Check;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The calling side of the RPC: one outgoing connection per destination, opened on first use and
 * reopened with exponential backoff, request ids to match replies, a timeout per call, and bounded
 * queues. Used on one Vert.x context; every {@code onReply} runs later on that context, exactly
 * once, with the reply or {@code null}.
 *
 * <p>A call fails at once (still delivered later, never from inside {@link #call}) when the
 * destination refused the last connection attempt and its backoff has not expired, when too many
 * calls are pending, or when a queue is full. A call whose connection closes before the reply
 * fails when the close is seen. Otherwise it fails at its timeout.
 */
public final class Caller {
    private static final System.Logger LOG = System.getLogger(Caller.class.getName());

    private final Context context;
    private final TransportConfig config;
    private final NetClient client;
    private final int fromPeer;
    private final String label;
    private final IntPredicate dropReplyFrom;
    private final Map<Endpoint, Link> links = new LinkedHashMap<>();
    private long nextRequestId = 1;
    private int pendingCount;
    private boolean closed;

    /**
     * @param localHost     the address outgoing connections are bound to (node i: 127.0.0.(10+i)), or null
     * @param fromPeer      the caller's node id, or -1 for a client outside the group
     * @param dropReplyFrom true for a peer tag whose replies must be dropped (the transport filter)
     */
    public Caller(Vertx vertx, Context context, TransportConfig config, String localHost, int fromPeer,
                  String label, IntPredicate dropReplyFrom) {
        this.context = Check.notNull(context, "context");
        this.config = Check.notNull(config, "config");
        this.fromPeer = fromPeer;
        this.label = label;
        this.dropReplyFrom = dropReplyFrom;
        NetClientOptions options = new NetClientOptions()
                .setConnectTimeout(config.connectTimeoutMs())
                .setTcpNoDelay(true)
                .setReconnectAttempts(0);
        if (localHost != null) {
            options.setLocalAddress(localHost);
        }
        this.client = vertx.createNetClient(options);
    }

    /** Calls {@code service} at {@code to}; {@code peerTag} names the destination for the reply filter. */
    public void call(Endpoint to, int peerTag, String service, byte[] body, long timeoutNanos, Consumer<byte[]> onReply) {
        Check.notNull(onReply, "onReply");
        Check.that(timeoutNanos > 0, "timeoutNanos must be positive, was %s", timeoutNanos);
        if (closed || pendingCount >= config.pendingCallsMax()) {
            failLater(onReply);
            return;
        }
        Link link = links.computeIfAbsent(to, e -> new Link(e, peerTag));
        if (link.conn == null && !link.connecting && System.nanoTime() < link.backoffUntilNanos) {
            failLater(onReply);
            return;
        }
        if (link.conn == null && link.queued.size() >= config.queuedFramesMax()) {
            failLater(onReply);
            return;
        }
        Frame.Request request = new Frame.Request(nextRequestId++, fromPeer, service, body);
        if (link.conn != null && !link.conn.send(request)) {
            failLater(onReply);
            return;
        }
        Pending p = new Pending(request.requestId(), link, onReply);
        link.pending.put(p.id, p);
        pendingCount++;
        p.timerId = setTimer(timeoutNanos, () -> timeout(p));
        if (link.conn == null) {
            link.queued.add(request);
            if (!link.connecting) {
                connect(link);
            }
        }
    }

    /** A call that is never sent (the transport filter dropped it): fails after its timeout. */
    public void dropped(long timeoutNanos, Consumer<byte[]> onReply) {
        setTimer(timeoutNanos, () -> onReply.accept(null));
    }

    /** Calls awaiting a reply. */
    public int pendingCount() {
        return pendingCount;
    }

    /** Closes every connection and fails pending calls. Call on the context. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Link link : new ArrayList<>(links.values())) {
            if (link.conn != null) {
                link.conn.close("caller closed", System.Logger.Level.DEBUG);
            }
            failAll(link);
        }
        client.close();
    }

    private void connect(Link link) {
        link.connecting = true;
        client.connect(link.to.port(), link.to.host()).onComplete(ar -> {
            link.connecting = false;
            if (closed) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                link.backoffMs = link.backoffMs == 0 ? config.reconnectBackoffMsMin()
                        : Math.min(config.reconnectBackoffMsMax(), link.backoffMs * 2);
                link.backoffUntilNanos = System.nanoTime() + link.backoffMs * 1_000_000L;
                LOG.log(System.Logger.Level.DEBUG, "{0}: connect to {1} failed ({2}); backing off {3} ms",
                        label, link.to, ar.cause().getMessage(), link.backoffMs);
                failAll(link);
                return;
            }
            link.backoffMs = 0;
            Connection conn = new Connection(context, ar.result(), config.frameBytesMax(),
                    config.writeQueueBytesMax(), label + "->" + link.to);
            link.conn = conn;
            conn.start(frame -> onFrame(link, conn, frame), () -> onClosed(link, conn));
            while (!link.queued.isEmpty()) {
                Frame.Request r = link.queued.poll();
                if (link.pending.containsKey(r.requestId()) && !conn.send(r)) {
                    fail(link.pending.get(r.requestId()));
                }
            }
        });
    }

    private void onFrame(Link link, Connection conn, Frame frame) {
        if (!(frame instanceof Frame.Reply reply)) {
            conn.close("protocol error: request frame on an outgoing connection");
            return;
        }
        if (dropReplyFrom.test(link.peerTag)) {
            return; // filtered: the call will time out, as if the reply were lost
        }
        Pending p = link.pending.remove(reply.requestId());
        if (p == null) {
            return; // timed out already
        }
        pendingCount--;
        cancelTimer(p.timerId);
        p.onReply.accept(reply.body());
    }

    private void onClosed(Link link, Connection conn) {
        if (link.conn == conn) {
            link.conn = null;
            failAll(link);
        }
    }

    private void timeout(Pending p) {
        if (p.link.pending.remove(p.id) != null) {
            pendingCount--;
            p.link.queued.removeIf(r -> r.requestId() == p.id);
            p.onReply.accept(null);
        }
    }

    private void fail(Pending p) {
        if (p.link.pending.remove(p.id) != null) {
            pendingCount--;
            cancelTimer(p.timerId);
            failLater(p.onReply);
        }
    }

    private void failAll(Link link) {
        List<Pending> all = new ArrayList<>(link.pending.values());
        link.queued.clear();
        for (Pending p : all) {
            fail(p);
        }
    }

    private void failLater(Consumer<byte[]> onReply) {
        context.runOnContext(v -> onReply.accept(null));
    }

    private long setTimer(long delayNanos, Runnable r) {
        long ms = Math.max(1, (delayNanos + 999_999) / 1_000_000);
        return ((ContextInternal) context).setTimer(ms, id -> r.run());
    }

    private void cancelTimer(long id) {
        context.owner().cancelTimer(id);
    }

    private static final class Link {
        final Endpoint to;
        final int peerTag;
        final ArrayDeque<Frame.Request> queued = new ArrayDeque<>();
        final LinkedHashMap<Long, Pending> pending = new LinkedHashMap<>();
        Connection conn;
        boolean connecting;
        int backoffMs;
        long backoffUntilNanos;

        Link(Endpoint to, int peerTag) {
            this.to = to;
            this.peerTag = peerTag;
        }
    }

    private static final class Pending {
        final long id;
        final Link link;
        final Consumer<byte[]> onReply;
        long timerId;

        Pending(long id, Link link, Consumer<byte[]> onReply) {
            this.id = id;
            this.link = link;
            this.onReply = onReply;
        }
    }
}
