package io.faultline.dashboards;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code faultline serve}: the dashboards over one store, read-only, on Vert.x Web. Binds to
 * 127.0.0.1 unless told otherwise. Pages are static files from the jar; data comes from the JSON
 * API under /api; live runs stream over server-sent events.
 */
public final class DashboardServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final Api api;
    private final LiveEvents live;

    private DashboardServer(Vertx vertx, HttpServer server, Api api, LiveEvents live) {
        this.vertx = vertx;
        this.server = server;
        this.api = api;
        this.live = live;
    }

    /** Starts a server on host:port (port 0 picks a free one) and waits until it listens. */
    public static DashboardServer start(Path storeDir, String host, int port) throws Exception {
        Api api = new Api(new Store(storeDir));
        Vertx vertx = Vertx.vertx();
        try {
            LiveEvents live = new LiveEvents(vertx, api);
            Router router = Router.router(vertx);
            new Routes(vertx, api, live).install(router);
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
                    .requestHandler(router)
                    .listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new DashboardServer(vertx, server, api, live);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    public int port() {
        return server.actualPort();
    }

    public Api api() {
        return api;
    }

    /** Computes the per-run stats of every run in the background, newest first, so trends open fast. */
    public void warmInBackground() {
        vertx.executeBlocking(() -> {
            for (RunInfo r : api.index().all()) {
                api.store().run(r.id()).ifPresent(d -> api.summaries().stats(d));
            }
            return null;
        }, false);
    }

    @Override
    public void close() throws Exception {
        live.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Sends a JSON body, or 404 when {@code body} is null. */
    static void json(RoutingContext ctx, Object body) {
        if (body == null) {
            notFound(ctx);
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(Json.write(body));
    }

    static void notFound(RoutingContext ctx) {
        HttpServerResponse r = ctx.response();
        if (!r.ended() && !r.headWritten()) {
            r.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("not found\n");
        }
    }

    static void error(RoutingContext ctx, Throwable t) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.headWritten()) {
            r.reset();
            return;
        }
        int code = t instanceof IllegalArgumentException ? 400 : 500;
        r.setStatusCode(code).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Json.write(Map.of("error", String.valueOf(t.getMessage()))));
    }

    static Optional<String> param(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    static long longParam(RoutingContext ctx, String name, long dflt) {
        Optional<String> v = param(ctx, name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + " must be an integer, not \"" + v.get() + "\"");
        }
    }

    static String runId(RoutingContext ctx) {
        return ctx.pathParam("name") + "/" + ctx.pathParam("ts");
    }

    static void check(IOException e) {
        throw new java.io.UncheckedIOException(e);
    }
}
