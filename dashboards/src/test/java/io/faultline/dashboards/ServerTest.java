package io.faultline.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over a fixture store: listings, filters, run data, downloads, confinement, read-only. */
class ServerTest {
    @TempDir
    static Path tmp;
    static Path store;
    static Path invalid;
    static DashboardServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        store = Files.createDirectories(tmp.resolve("store"));
        Fixtures.validRun(store, "kvraft-register", Fixtures.T0, "kvraft", List.of("partition"), 11, 300);
        Fixtures.validRun(store, "kvraft-register", Fixtures.T0.plusSeconds(3600), "kvraft", List.of("kill"), 12, 200);
        Fixtures.validRun(store, "kvsrv-register", Fixtures.T0.plusSeconds(7200), "kvsrv", List.of(), 13, 100);
        invalid = Fixtures.invalidRun(store, "kvsrv-stale", Fixtures.T0.plusSeconds(10_800));
        Files.writeString(tmp.resolve("secret.txt"), "outside the store");
        // a symlink inside a run pointing out of the store must not be served
        Files.createSymbolicLink(invalid.resolve("escape.log"), tmp.resolve("secret.txt"));
        server = DashboardServer.start(store, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return Json.MAPPER.readTree(r.body());
    }

    static String id(Path run) {
        return run.getParent().getFileName() + "/" + run.getFileName();
    }

    @Test
    void indexListsFiltersSortsAndPages() throws Exception {
        JsonNode all = json("/api/runs");
        assertEquals(4, all.get("total").asInt());
        assertEquals("kvsrv-stale", all.get("runs").get(0).get("name").asText(), "newest first");
        assertEquals("invalid", all.get("runs").get(0).get("verdict").asText());
        assertEquals(1, all.at("/facets/verdicts/invalid").asInt());
        assertEquals(3, all.at("/facets/verdicts/valid").asInt());
        assertEquals(1, json("/api/runs?verdict=invalid").get("total").asInt());
        assertEquals(2, json("/api/runs?system=kvsrv").get("total").asInt());
        assertEquals(1, json("/api/runs?nemesis=kill").get("total").asInt());
        assertEquals(1, json("/api/runs?nemesis=none").get("total").asInt());
        assertEquals(1, json("/api/runs?q=bug-local").get("total").asInt());
        assertEquals(0, json("/api/runs?to=2026-11-19").get("total").asInt());
        assertEquals(4, json("/api/runs?from=2026-11-20&to=2026-11-20").get("total").asInt());
        JsonNode byOps = json("/api/runs?sort=ops&order=asc&size=2&page=2");
        assertEquals(2, byOps.get("runs").size());
        assertTrue(byOps.get("runs").get(0).get("ops").asLong() <= byOps.get("runs").get(1).get("ops").asLong());
        assertEquals(300, byOps.get("runs").get(1).get("ops").asLong());
    }

    @Test
    void runDataSummaryFaultsTimelineAndLogs() throws Exception {
        String base = "/api/runs/" + id(invalid);
        JsonNode run = json(base);
        assertEquals(false, run.at("/results/valid").asBoolean(true));
        JsonNode cx = run.at("/results/children/0/counterexample");
        assertTrue(cx.get("failing").asText().contains("get"), cx.toString());
        assertTrue(run.get("hasLinearHtml").asBoolean());
        JsonNode sum = json(base + "/summary");
        assertEquals(5, sum.at("/counts/ok").asLong());
        assertEquals(1, sum.at("/counts/nemesisOps").asLong());
        JsonNode faults = json(base + "/faults");
        assertEquals("partition", faults.at("/periods/0/fault").asText());
        assertTrue(faults.at("/periods/0/toNs").isNull(), "an unstopped fault lasts to the end");
        JsonNode op = json(base + "/op?pos=" + cx.get("failingInvokePos").asLong());
        assertEquals("invoke", op.get("type").asText());
        assertEquals(6_000_000, op.get("timeNs").asLong());
        JsonNode tl = json(base + "/timeline?fromNs=0&toNs=8000000");
        assertEquals(5, tl.get("ops").size());
        assertEquals(1, tl.get("nemesis").size());
        JsonNode logs = json(base + "/logs");
        assertEquals("run.log", logs.get(0).get("path").asText());
        assertEquals(4, logs.size());
        JsonNode page = json(base + "/log?path=nodes/n2/node.log&q=WARN&offset=1&limit=2");
        assertEquals(6, page.get("matches").asInt());
        assertEquals(2, page.get("lines").size());
        assertEquals(58, page.get("lines").get(0).get(0).asInt(), "line numbers are the file's");
        assertEquals(400, get(base + "/timeline?fromNs=abc").statusCode());
    }

    @Test
    void downloadsServeFilesAndTheWholeRunAsZip() throws Exception {
        HttpResponse<byte[]> h = get("/runs/" + id(invalid) + "/files/history.jsonl?download=1");
        assertEquals(200, h.statusCode());
        assertEquals(Files.readString(invalid.resolve("history.jsonl")), new String(h.body(), StandardCharsets.UTF_8));
        assertTrue(h.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        HttpResponse<byte[]> z = get("/runs/" + id(invalid) + "/zip");
        assertEquals(200, z.statusCode());
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(z.body()))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        String prefix = id(invalid) + "/";
        assertTrue(names.contains(prefix + "results.json"), names.toString());
        assertTrue(names.contains(prefix + "nodes/n3/node.log"), names.toString());
        assertFalse(names.contains(prefix + "escape.log"), "symlinks are not followed into the zip");
    }

    @Test
    void pathsOutsideTheStoreAre404() throws Exception {
        String run = "/runs/" + id(invalid);
        for (String p : List.of(run + "/files/../../../secret.txt", run + "/files/%2e%2e/%2e%2e/%2e%2e/secret.txt",
                run + "/files/..%2f..%2f..%2fsecret.txt", run + "/files/escape.log", "/api/runs/..%2f..%2f/secret.txt",
                "/api/runs/kvsrv-stale/../../../../secret.txt", "/api/runs/../store", "/runs/latest/x", "/api/runs/kvsrv-stale/%2e%2e/summary",
                "/static/..%2f..%2fDashboardServer.class", "/static/../pom.xml", "/etc/passwd", "/api/runs/a/b/log?path=../../../secret.txt",
                "/api/runs/" + id(invalid) + "/log?path=nodes/../../../../secret.txt", "/api/runs/" + id(invalid) + "/log?path=test.json")) {
            HttpResponse<byte[]> r = get(p);
            assertEquals(404, r.statusCode(), p + " -> " + r.statusCode());
            assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("outside the store"), p);
        }
        // a raw request line that no client library would normalise
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET " + run + "/files/../../../../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String resp = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(resp.contains("outside the store"), resp);
            assertTrue(resp.startsWith("HTTP/1.1 404") || resp.startsWith("HTTP/1.1 400"), resp);
        }
    }

    @Test
    void theServerIsReadOnly() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        HttpResponse<String> d = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/runs/"
                + id(invalid) + "/files/results.json")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, d.statusCode());
        assertTrue(Files.exists(invalid.resolve("results.json")));
    }

    @Test
    void trendsGroupBySystemAndNemeses() throws Exception {
        JsonNode t = json("/api/trends");
        assertEquals(4, t.get("runsCounted").asInt());
        List<String> groups = new ArrayList<>();
        t.get("groups").forEach(g -> groups.add(g.get("group").asText()));
        assertEquals(List.of("kvraft | kill", "kvraft | partition", "kvsrv | no faults", "kvsrv | partition"), groups);
        JsonNode stale = t.get("groups").get(3);
        assertEquals(0.0, stale.get("passRate").asDouble());
        assertTrue(stale.at("/runs/0/p99OkMs").asDouble() > 0);
    }

    @Test
    void pagesAndTheChartLibraryComeFromTheJar() throws Exception {
        assertTrue(new String(get("/").body(), StandardCharsets.UTF_8).contains("/static/index.js"));
        HttpResponse<byte[]> c = get("/static/chart.umd.min.js");
        assertEquals(200, c.statusCode());
        assertTrue(new String(c.body(), 0, 200, StandardCharsets.UTF_8).contains("Chart.js v" + Resources.chartJsVersion()));
        assertEquals(404, get("/runs/nope/20260101T000000.000").statusCode());
        assertEquals(200, get("/runs/" + id(invalid)).statusCode());
    }

    @Test
    void reportIsOneFileWithoutExternalResources() throws IOException {
        Path out = Report.write(invalid);
        String html = Files.readString(out);
        assertFalse(html.contains("<script src"), "no external scripts");
        assertFalse(html.contains("<link"), "no external styles");
        assertFalse(html.contains("/static/"), "no server paths");
        assertTrue(html.contains("window.FL_REPORT"));
        assertTrue(html.contains("Chart.js v" + Resources.chartJsVersion()));
        assertTrue(html.contains("cannot linearize") || html.contains("\"failing\""), "counterexample data embedded");
    }
}
