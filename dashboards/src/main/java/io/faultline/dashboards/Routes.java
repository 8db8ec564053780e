package io.faultline.dashboards;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The HTTP routes: pages, static files, the JSON API, downloads and event streams. GET only. */
final class Routes {
    private final Vertx vertx;
    private final Api api;
    private final LiveEvents live;

    Routes(Vertx vertx, Api api, LiveEvents live) {
        this.vertx = vertx;
        this.api = api;
        this.live = live;
    }

    interface Blocking {
        void handle(RoutingContext ctx) throws Exception;
    }

    private Handler<RoutingContext> blocking(Blocking b) {
        return ctx -> vertx.executeBlocking(() -> {
            b.handle(ctx);
            return null;
        }, false).onFailure(t -> DashboardServer.error(ctx, t instanceof java.io.UncheckedIOException ? t.getCause() : t));
    }

    void install(Router router) {
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer");
            if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
                ctx.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end("read-only\n");
                return;
            }
            ctx.next();
        });
        router.get("/").handler(ctx -> page(ctx, "index.html"));
        router.get("/trends").handler(ctx -> page(ctx, "trends.html"));
        router.get("/compare").handler(ctx -> page(ctx, "compare.html"));
        router.get("/runs/:name/:ts").handler(blocking(ctx -> {
            if (run(ctx).isEmpty()) {
                DashboardServer.notFound(ctx);
            } else {
                page(ctx, "run.html");
            }
        }));
        router.get("/favicon.ico").handler(ctx -> ctx.response().putHeader("Content-Type", "image/svg+xml")
                .end(io.vertx.core.buffer.Buffer.buffer(Resources.bytes("favicon.svg"))));
        router.get("/static/:file").handler(ctx -> {
            String name = ctx.pathParam("file");
            byte[] b = Resources.bytes(name);
            if (b == null) {
                DashboardServer.notFound(ctx);
                return;
            }
            ctx.response().putHeader("Content-Type", Resources.contentType(name))
                    .putHeader("Cache-Control", "no-cache").end(io.vertx.core.buffer.Buffer.buffer(b));
        });
        router.get("/api/runs").handler(blocking(ctx -> DashboardServer.json(ctx, api.runs(query(ctx)))));
        router.get("/api/trends").handler(blocking(ctx -> DashboardServer.json(ctx, api.trends())));
        router.get("/api/events").handler(live::storeEvents);
        router.get("/api/runs/:name/:ts").handler(blocking(ctx -> {
            Optional<Path> d = run(ctx);
            DashboardServer.json(ctx, d.isEmpty() ? null : api.run(DashboardServer.runId(ctx), d.get()));
        }));
        router.get("/api/runs/:name/:ts/summary").handler(blocking(ctx ->
                DashboardServer.json(ctx, run(ctx).map(d -> api.summaries().summary(d)).orElse(null))));
        router.get("/api/runs/:name/:ts/faults").handler(blocking(ctx -> {
            Optional<Path> d = run(ctx);
            DashboardServer.json(ctx, d.isEmpty() ? null : Faults.read(d.get()));
        }));
        router.get("/api/runs/:name/:ts/timeline").handler(blocking(ctx -> {
            Optional<Path> d = run(ctx);
            long from = DashboardServer.longParam(ctx, "fromNs", 0);
            long to = DashboardServer.longParam(ctx, "toNs", Long.MAX_VALUE / 4);
            int limit = (int) DashboardServer.longParam(ctx, "limit", 3000);
            DashboardServer.json(ctx, d.isEmpty() ? null : api.summaries().timeline(d.get(), from, to, limit));
        }));
        router.get("/api/runs/:name/:ts/op").handler(blocking(ctx -> {
            Optional<Path> d = run(ctx);
            long pos = DashboardServer.longParam(ctx, "pos", -1);
            DashboardServer.json(ctx, d.isEmpty() ? null : api.summaries().opAt(d.get(), pos));
        }));
        router.get("/api/runs/:name/:ts/logs").handler(blocking(ctx -> {
            Optional<Path> d = run(ctx);
            DashboardServer.json(ctx, d.isEmpty() ? null : Logs.list(d.get()));
        }));
        router.get("/api/runs/:name/:ts/log").handler(blocking(ctx -> {
            Optional<Path> f = run(ctx).flatMap(d -> DashboardServer.param(ctx, "path")
                    .filter(p -> p.equals("run.log") || p.startsWith("nodes/"))
                    .flatMap(p -> Store.fileIn(d, p)));
            if (f.isEmpty()) {
                DashboardServer.notFound(ctx);
                return;
            }
            DashboardServer.json(ctx, Logs.page(f.get(), DashboardServer.param(ctx, "q").orElse(null),
                    DashboardServer.longParam(ctx, "offset", 0), (int) DashboardServer.longParam(ctx, "limit", 200)));
        }));
        router.get("/api/runs/:name/:ts/events").handler(ctx -> live.runEvents(ctx, DashboardServer.runId(ctx)));
        router.get("/runs/:name/:ts/zip").handler(blocking(this::zip));
        router.getWithRegex("/runs/([^/]+)/([^/]+)/files/(.+)").handler(blocking(this::file));
        router.route().last().handler(DashboardServer::notFound);
    }

    private Optional<Path> run(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String ts = ctx.pathParam("ts");
        if (name == null) {
            name = ctx.pathParam("param0");
            ts = ctx.pathParam("param1");
        }
        return api.store().run(name, ts);
    }

    private static void page(RoutingContext ctx, String name) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-cache")
                .end(Resources.text(name));
    }

    private static RunIndex.Query query(RoutingContext ctx) {
        return new RunIndex.Query(p(ctx, "q"), p(ctx, "verdict"), p(ctx, "system"), p(ctx, "nemesis"), p(ctx, "from"),
                p(ctx, "to"), p(ctx, "sort"), !"asc".equals(p(ctx, "order")),
                (int) DashboardServer.longParam(ctx, "page", 1), (int) DashboardServer.longParam(ctx, "size", 50));
    }

    private static String p(RoutingContext ctx, String name) {
        return DashboardServer.param(ctx, name).orElse(null);
    }

    private void file(RoutingContext ctx) throws IOException {
        Optional<Path> dir = api.store().run(ctx.pathParam("param0"), ctx.pathParam("param1"));
        Optional<Path> f = dir.flatMap(d -> Store.fileIn(d, ctx.pathParam("param2")));
        if (f.isEmpty()) {
            DashboardServer.notFound(ctx);
            return;
        }
        String name = f.get().getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".json") ? "application/json; charset=utf-8"
                : name.endsWith(".jsonl") || name.endsWith(".edn") || name.endsWith(".log") ? "text/plain; charset=utf-8"
                : "application/octet-stream";
        var r = ctx.response().putHeader("Content-Type", type)
                // stored pages run in an opaque origin: they cannot call this API
                .putHeader("Content-Security-Policy", "sandbox allow-scripts");
        if (DashboardServer.param(ctx, "download").isPresent()) {
            r.putHeader("Content-Disposition", "attachment; filename=\"" + f.get().getFileName() + "\"");
        }
        r.sendFile(f.get().toString());
    }

    private void zip(RoutingContext ctx) throws IOException {
        Optional<Path> dir = run(ctx);
        if (dir.isEmpty()) {
            DashboardServer.notFound(ctx);
            return;
        }
        Path tmp = Files.createTempFile("faultline-run-", ".zip");
        try {
            RunZip.write(dir.get(), tmp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        String fname = ctx.pathParam("name") + "-" + ctx.pathParam("ts") + ".zip";
        ctx.response().putHeader("Content-Type", "application/zip")
                .putHeader("Content-Disposition", "attachment; filename=\"" + fname + "\"")
                .sendFile(tmp.toString()).onComplete(x -> {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a temp file left behind is harmless; the OS cleans tmp
                    }
                });
    }
}
