package io.faultline.dashboards;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server-sent events. /api/events tells index pages that the store changed (a run appeared,
 * progressed or finished), checked once a second by one shared watcher. /api/runs/ID/events
 * streams one run's progress.json while it changes, then "done" when results.json appears.
 */
final class LiveEvents implements AutoCloseable {
    static final long POLL_MS = 1000;
    static final int STORE_SUBSCRIBERS_MAX = 256;

    private final Vertx vertx;
    private final Api api;
    private final List<HttpServerResponse> storeSubscribers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile String storeFingerprint = "";
    private long storeTimer = -1;

    LiveEvents(Vertx vertx, Api api) {
        this.vertx = vertx;
        this.api = api;
    }

    private static HttpServerResponse open(RoutingContext ctx) {
        HttpServerResponse r = ctx.response();
        r.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        r.write("retry: 2000\n\n");
        return r;
    }

    static void send(HttpServerResponse r, String event, Object data) {
        if (!r.ended() && !r.closed()) {
            r.write("event: " + event + "\ndata: " + Json.write(data) + "\n\n");
        }
    }

    void storeEvents(RoutingContext ctx) {
        if (storeSubscribers.size() >= STORE_SUBSCRIBERS_MAX) {
            ctx.response().setStatusCode(503).end("too many event streams\n");
            return;
        }
        HttpServerResponse r = open(ctx);
        storeSubscribers.add(r);
        r.closeHandler(v -> storeSubscribers.remove(r));
        send(r, "hello", Map.of("fingerprint", storeFingerprint));
        synchronized (this) {
            if (storeTimer < 0) {
                storeTimer = vertx.setPeriodic(POLL_MS, id -> pollStore());
            }
        }
    }

    private void pollStore() {
        if (storeSubscribers.isEmpty() || !polling.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> {
            StringBuilder sb = new StringBuilder();
            int live = 0;
            for (RunInfo r : api.index().all()) {
                sb.append(r.id()).append(r.verdict()).append(r.ops()).append(';');
                live += r.live() ? 1 : 0;
            }
            return new Object[] {Integer.toHexString(sb.toString().hashCode()) + ":" + sb.length(), live};
        }, false).onComplete(ar -> {
            polling.set(false);
            if (ar.succeeded()) {
                String fp = (String) ar.result()[0];
                if (!fp.equals(storeFingerprint)) {
                    storeFingerprint = fp;
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("fingerprint", fp);
                    m.put("live", ar.result()[1]);
                    for (HttpServerResponse r : storeSubscribers) {
                        send(r, "store", m);
                    }
                }
            }
        });
    }

    void runEvents(RoutingContext ctx, String id) {
        Path dir = api.store().run(id).orElse(null);
        if (dir == null) {
            DashboardServer.notFound(ctx);
            return;
        }
        HttpServerResponse r = open(ctx);
        String[] last = {""};
        AtomicBoolean busy = new AtomicBoolean();
        long timer = vertx.setPeriodic(0, POLL_MS, tid -> {
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            vertx.executeBlocking(() -> {
                String stamp = Summaries.stamp(dir.resolve("progress.json")) + Summaries.stamp(dir.resolve("results.json"));
                if (stamp.equals(last[0])) {
                    return null;
                }
                last[0] = stamp;
                Map<String, Object> m = new LinkedHashMap<>();
                RunInfo info = api.index().info(id, dir);
                m.put("info", info.toMap());
                m.put("progress", Json.readObject(dir.resolve("progress.json")));
                return m;
            }, false).onComplete(ar -> {
                busy.set(false);
                if (ar.failed()) {
                    send(r, "error", Map.of("error", String.valueOf(ar.cause().getMessage())));
                } else if (ar.result() != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) ar.result();
                    send(r, "progress", m);
                    @SuppressWarnings("unchecked")
                    String verdict = (String) ((Map<String, Object>) m.get("info")).get("verdict");
                    if (!"live".equals(verdict)) {
                        send(r, "done", Map.of("verdict", verdict));
                    }
                }
            });
        });
        r.closeHandler(v -> vertx.cancelTimer(timer));
    }

    @Override
    public synchronized void close() {
        if (storeTimer >= 0) {
            vertx.cancelTimer(storeTimer);
        }
        for (HttpServerResponse r : storeSubscribers) {
            if (!r.ended()) {
                r.end();
            }
        }
        storeSubscribers.clear();
    }
}
