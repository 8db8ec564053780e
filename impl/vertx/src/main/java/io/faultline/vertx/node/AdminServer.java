package io.faultline.vertx.node;

import io.faultline.raft.api.RaftStatus;
import io.faultline.vertx.VertxNode;
import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.net.NetworkConditions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

/**
 * The node's admin endpoint: HTTP on a loopback address, every request must carry
 * {@code Authorization: Bearer TOKEN}. Created on the node's context, so handlers run there.
 *
 * <ul>
 *   <li>{@code GET /status}: id, system, role, term, commitIndex, leaderHint, clockOffsetMs,
 *       dropPeers, sync rounds and callbacks, plus the system's own fields (raft: lastApplied,
 *       appliedDigest, pending proposals; kvraft: variant, pendingSubmits; kvsrv: keys). A system
 *       without Raft (kvsrv) reports role SERVER and term 0.</li>
 *   <li>{@code GET /applied?from=I&max=N} (raft only): kept applied entries from index I (command in base64).</li>
 *   <li>{@code POST /filter?drop=1,2} (empty: drop nothing): the transport filter.</li>
 *   <li>{@code POST /clock?offsetMs=N}: this node's clock offset.</li>
 *   <li>{@code POST /net?delayMs=N&lossProbability=P} (either may be left out: unchanged): delay and
 *       drop requests arriving at this node at its transport (the delay and loss faults).</li>
 *   <li>{@code POST /propose} (raft only) with the command as the body: waits until it is applied; replies
 *       {@code {"status":"COMMITTED","index":..,"term":..}} or another status of
 *       {@link ProposeProtocol.Status}.</li>
 * </ul>
 */
public final class AdminServer {
    private final VertxNode<NodeService> node;
    private final byte[] token;
    private HttpServer server;

    public AdminServer(VertxNode<NodeService> node, String token) {
        this.node = node;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Listens on {@code at}; call on the node's context. */
    public Future<HttpServer> listen(Vertx vertx, Endpoint at) {
        server = vertx.createHttpServer();
        server.requestHandler(this::handle);
        return server.listen(at.port(), at.host());
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest req) {
        String auth = req.getHeader("Authorization");
        if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), token)) {
            respond(req, 401, new JsonObject().put("error", "missing or wrong bearer token"));
            return;
        }
        try {
            route(req);
        } catch (IllegalArgumentException e) {
            respond(req, 400, new JsonObject().put("error", e.getMessage()));
        }
    }

    private void route(HttpServerRequest req) {
        String path = req.path();
        boolean get = req.method() == HttpMethod.GET;
        boolean post = req.method() == HttpMethod.POST;
        if (get && path.equals("/status")) {
            respond(req, 200, status());
        } else if ((get && path.equals("/applied") || post && path.equals("/propose"))
                && !(node.system() instanceof RaftService)) {
            respond(req, 404, new JsonObject().put("error", path + " exists only on --system raft nodes"));
        } else if (get && path.equals("/applied")) {
            RaftService svc = (RaftService) node.system();
            long from = longParam(req, "from", 1);
            int max = (int) Math.min(100_000, longParam(req, "max", 10_000));
            JsonArray out = new JsonArray();
            for (RaftService.AppliedEntry e : svc.applied(from, max)) {
                out.add(new JsonObject().put("index", e.index()).put("term", e.term())
                        .put("command", Base64.getEncoder().encodeToString(e.command())));
            }
            respond(req, 200, new JsonObject().put("firstKept", svc.firstKept())
                    .put("lastApplied", svc.lastApplied()).put("entries", out));
        } else if (post && path.equals("/filter")) {
            Set<Integer> drop = new TreeSet<>();
            String spec = req.getParam("drop", "");
            for (String s : spec.split(",")) {
                if (!s.isBlank()) {
                    drop.add((int) parseLong("drop", s.trim()));
                }
            }
            node.filter().dropPeers(drop);
            respond(req, 200, new JsonObject().put("dropPeers", new JsonArray(new java.util.ArrayList<>(drop))));
        } else if (post && path.equals("/clock")) {
            long offsetMs = longParam(req, "offsetMs", Long.MIN_VALUE);
            if (offsetMs == Long.MIN_VALUE) {
                throw new IllegalArgumentException("offsetMs is required");
            }
            node.runtime().nodeClock().setOffsetNanos(offsetMs * 1_000_000L);
            respond(req, 200, new JsonObject().put("clockOffsetMs", offsetMs));
        } else if (post && path.equals("/net")) {
            NetworkConditions c = node.conditions();
            String delay = req.getParam("delayMs");
            String loss = req.getParam("lossProbability");
            long delayMs = delay == null ? c.inboundDelayMs() : parseLong("delayMs", delay);
            double lossP = loss == null ? c.inboundLossProbability() : parseDouble("lossProbability", loss);
            c.setInboundDelayMs(delayMs);
            c.setInboundLossProbability(lossP);
            respond(req, 200, new JsonObject().put("netDelayMs", delayMs).put("netLossProbability", lossP));
        } else if (post && path.equals("/propose")) {
            req.body().onSuccess(body -> propose(req, body));
        } else {
            respond(req, 404, new JsonObject().put("error", "no route " + req.method() + " " + path));
        }
    }

    private void propose(HttpServerRequest req, Buffer body) {
        ProposeProtocol.Reply now = ((RaftService) node.system()).propose(body.getBytes(), reply -> {
            ProposeProtocol.Reply r = ProposeProtocol.Reply.decode(reply);
            respond(req, 200, json(r));
        });
        if (now != null) {
            respond(req, now.status() == ProposeProtocol.Status.NOT_LEADER ? 409 : 503, json(now));
        }
    }

    private static JsonObject json(ProposeProtocol.Reply r) {
        return new JsonObject().put("status", r.status().name()).put("index", r.index()).put("term", r.term())
                .put("leaderHint", r.leaderHint());
    }

    private JsonObject status() {
        NodeService svc = node.system();
        RaftStatus st = svc.raftStatus();
        JsonObject out = new JsonObject()
                .put("id", node.config().nodeId())
                .put("role", st == null ? "SERVER" : st.role().name())
                .put("term", st == null ? 0 : st.term())
                .put("commitIndex", st == null ? 0 : st.commitIndex())
                .put("leaderHint", st == null ? node.config().nodeId() : st.leaderHint())
                .put("clockOffsetMs", node.runtime().nodeClock().offsetNanos() / 1_000_000L)
                .put("dropPeers", new JsonArray(new java.util.ArrayList<>(node.filter().droppedPeers())))
                .put("netDelayMs", node.conditions().inboundDelayMs())
                .put("netLossProbability", node.conditions().inboundLossProbability())
                .put("syncRounds", node.runtime().fileStorage().syncRounds())
                .put("syncCallbacks", node.runtime().fileStorage().syncCallbacks());
        svc.describe(out);
        return out;
    }

    private static long longParam(HttpServerRequest req, String name, long dflt) {
        String v = req.getParam(name);
        return v == null ? dflt : parseLong(name, v);
    }

    private static long parseLong(String name, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + v + "'");
        }
    }

    private static double parseDouble(String name, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + v + "'");
        }
    }

    private static void respond(HttpServerRequest req, int code, JsonObject body) {
        req.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(body.encode() + "\n");
    }
}
