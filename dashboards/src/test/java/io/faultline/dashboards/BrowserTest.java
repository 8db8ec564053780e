package io.faultline.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.dashboards.browser.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium through the index, a valid run, an invalid run with its counterexample, the
 * live view of a running test, compare, trends and an offline report.html. Screenshots go to
 * target/screenshots. Without Chromium this test FAILS with the reason (install: apt-get install -y
 * chromium chromium-driver); set -Dfaultline.browser.skip=true to skip it knowingly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    @TempDir
    static Path tmp;
    static Path store;
    static Path valid;
    static Path invalid;
    static DashboardServer server;
    static Chromium browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        String why = Chromium.missing();
        if (why != null) {
            if (Boolean.getBoolean("faultline.browser.skip")) {
                System.out.println("BrowserTest skipped on request (-Dfaultline.browser.skip): " + why);
                org.junit.jupiter.api.Assumptions.abort(why);
            }
            System.out.println("BrowserTest cannot run: " + why);
            fail("headless Chromium is required for the dashboards' browser tests: " + why);
        }
        store = Files.createDirectories(tmp.resolve("store"));
        valid = Fixtures.validRun(store, "kvraft-register", Fixtures.T0, "kvraft", List.of("partition"), 11, 400);
        Fixtures.validRun(store, "kvraft-register", Fixtures.T0.plusSeconds(600), "kvraft", List.of("kill"), 12, 150);
        invalid = Fixtures.invalidRun(store, "kvsrv-stale", Fixtures.T0.plusSeconds(1200));
        server = DashboardServer.start(store, "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        browser = Chromium.start();
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static String id(Path run) {
        return run.getParent().getFileName() + "/" + run.getFileName();
    }

    static void open(String path) throws Exception {
        browser.navigate(base + path);
        browser.waitFor("return document.body.dataset.ready === '1'", 15_000, path + " rendered");
    }

    static String text(String css) throws Exception {
        JsonNode n = browser.script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
        return n.isNull() ? null : n.asText();
    }

    static void noConsoleErrors() throws Exception {
        for (JsonNode e : browser.consoleLog()) {
            if ("SEVERE".equals(e.path("level").asText())) {
                fail("browser console error: " + e.path("message").asText());
            }
        }
    }

    @Test
    @Order(1)
    void indexShowsEveryRunWithVerdictsAndFilters() throws Exception {
        open("/");
        assertEquals(3, browser.script("return document.querySelectorAll('#runs tbody tr[data-id]').length").asInt());
        assertEquals("invalid", text("#runs tbody tr:first-child .badge"));
        browser.screenshot(SHOTS.resolve("index.png"));
        browser.script("const s = document.querySelector('#verdict'); s.value = 'valid'; s.dispatchEvent(new Event('change'));");
        browser.waitFor("return document.querySelectorAll('#runs tbody tr[data-id]').length === 2", 5000, "filtered to 2 valid runs");
        browser.script("const s = document.querySelector('#verdict'); s.value = ''; s.dispatchEvent(new Event('change'));");
        browser.waitFor("return document.querySelectorAll('#runs tbody tr[data-id]').length === 3", 5000, "filter reset");
        // select two runs and compare them
        browser.script("const cb = document.querySelectorAll('#runs tbody input'); cb[0].click(); cb[1].click();");
        assertEquals(false, browser.script("return document.querySelector('#compare').disabled").asBoolean());
        browser.script("document.querySelector('#compare').click()");
        browser.waitFor("return location.pathname === '/compare' && document.body.dataset.ready === '1'", 10_000, "compare page");
        assertTrue(text("#compare-table").contains("verdict"));
        browser.screenshot(SHOTS.resolve("compare.png"));
        noConsoleErrors();
    }

    @Test
    @Order(2)
    void validRunShowsChecksChartsFaultsTimelineAndLogs() throws Exception {
        open("/runs/" + id(valid));
        assertEquals("valid", text("#title .badge"));
        assertTrue(text("#checkers").contains("linearizable"), text("#checkers"));
        JsonNode points = browser.script("return Chart.getChart(document.querySelector('#c-latency')).data.datasets"
                + ".reduce((n, d) => n + d.data.length, 0)");
        assertTrue(points.asInt() > 100, "latency points drawn: " + points);
        assertTrue(browser.script("return Chart.getChart(document.querySelector('#c-throughput')).data.datasets[0].data.length").asInt() > 0);
        assertTrue(browser.script("return document.querySelectorAll('#faults rect').length").asInt() >= 2, "fault periods on n1 and n2");
        browser.waitFor("return document.querySelectorAll('#tl-lanes rect').length > 0", 5000, "process timeline bars");
        browser.waitFor("return document.querySelectorAll('#log-lines div').length > 0", 5000, "log lines");
        browser.script("const s = document.querySelector('#log-file'); s.value = 'nodes/n1/node.log'; s.dispatchEvent(new Event('change'));");
        browser.script("document.querySelector('#log-q').value = 'WARN'; document.querySelector('#logs form button[type=submit]').click();");
        browser.waitFor("return document.querySelectorAll('#log-lines mark').length === 6", 5000, "6 WARN lines highlighted");
        browser.screenshot(SHOTS.resolve("run-valid.png"));
        noConsoleErrors();
    }

    @Test
    @Order(3)
    void invalidRunShowsItsCounterexample() throws Exception {
        open("/runs/" + id(invalid));
        assertEquals("invalid", text("#title .badge"));
        String failing = text("#cx-failing");
        JsonNode results = Json.MAPPER.readTree(Files.readString(invalid.resolve("results.json")));
        assertEquals(results.at("/children/0/counterexample/failing").asText(), failing);
        // the failing op is highlighted in the process timeline, and the checker's diagram is embedded
        browser.waitFor("return document.querySelectorAll('#tl-lanes rect.highlight').length === 1", 5000, "highlighted failing op");
        assertEquals(1, browser.script("return document.querySelectorAll('#counterexample iframe.linear').length").asInt());
        browser.script("document.querySelector('#counterexample').scrollIntoView()");
        browser.screenshot(SHOTS.resolve("run-invalid-counterexample.png"));
        noConsoleErrors();
    }

    @Test
    @Order(4)
    void liveRunAppearsAtOnceAndUpdates() throws Exception {
        open("/");
        browser.script("window.__sameDocument = true");
        Fixtures.LiveRun live = new Fixtures.LiveRun(store, "kvraft-live", Fixtures.T0.plusSeconds(3600));
        live.appendOps(50);
        live.progress(List.of());
        // the index learns of it over server-sent events, without a reload
        browser.waitFor("return window.__sameDocument && [...document.querySelectorAll('#runs tbody tr[data-id]')]"
                + ".some(r => r.dataset.id.startsWith('kvraft-live/') && r.querySelector('.badge').textContent === 'live')", 10_000,
                "the live run in the index");
        browser.screenshot(SHOTS.resolve("index-live.png"));
        open("/runs/" + id(live.dir));
        browser.waitFor("return document.querySelector('#live-ops') && document.querySelector('#live-ops').textContent === '50'",
                10_000, "live ops = 50");
        live.appendOps(70);
        live.startFault();
        live.progress(List.of("partition n2"));
        browser.waitFor("return document.querySelector('#live-ops').textContent === '120'", 10_000, "live ops = 120");
        assertEquals("partition n2", text("#live-faults"));
        browser.waitFor("return Chart.getChart(document.querySelector('#c-throughput')) && document.querySelector('#ops').textContent.startsWith('120')",
                10_000, "charts refreshed with the appended ops");
        browser.waitFor("return document.querySelectorAll('#faults rect').length === 1", 10_000, "the active fault on the timeline");
        browser.screenshot(SHOTS.resolve("run-live.png"));
        // the run ends: results.json appears and the page shows the verdict
        Files.writeString(live.dir.resolve("results.json"), "{\"valid\":true,\"checker\":\"compose\",\"summary\":\"all 1 checks valid\","
                + "\"children\":[{\"checker\":\"linearizable\",\"valid\":true,\"summary\":\"ok\"}]}");
        browser.waitFor("return document.querySelector('#title .badge').textContent === 'valid'", 10_000, "final verdict");
        noConsoleErrors();
    }

    @Test
    @Order(5)
    void trendsPageDraws() throws Exception {
        open("/trends");
        assertTrue(browser.script("return document.querySelectorAll('#groups tbody tr').length").asInt() >= 3);
        assertTrue(browser.script("return Chart.getChart(document.querySelector('#c-pass')).data.datasets.length").asInt() >= 3);
        browser.screenshot(SHOTS.resolve("trends.png"));
        noConsoleErrors();
    }

    @Test
    @Order(6)
    void reportOpensFromDiskWithoutAServer() throws Exception {
        Path report = Report.write(invalid);
        browser.navigate(report.toUri().toString());
        browser.waitFor("return document.body.dataset.ready === '1'", 15_000, "report rendered");
        assertEquals("invalid", text("#title .badge"));
        assertEquals(Json.MAPPER.readTree(Files.readString(invalid.resolve("results.json"))).at("/children/0/counterexample/failing").asText(),
                text("#cx-failing"));
        assertTrue(browser.script("return Chart.getChart(document.querySelector('#c-latency')).data.datasets.length").asInt() > 0);
        browser.waitFor("return document.querySelectorAll('#tl-lanes rect.highlight').length === 1", 5000, "failing op in the report timeline");
        browser.screenshot(SHOTS.resolve("report-invalid.png"));
        noConsoleErrors();
    }
}
