package io.faultline.dashboards.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.dashboards.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API (no Selenium, nothing
 * downloaded): start, navigate, run scripts, wait for conditions, take screenshots, quit.
 * Uses the flags of DESIGN §7 and a fresh user-data-dir.
 */
public final class Chromium implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1400,1000");
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);

    private final Process driver;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    /** Why Chromium cannot be used here, or null when both binaries are present. */
    public static String missing() {
        if (!Files.isExecutable(CHROMIUM)) {
            return CHROMIUM + " is missing: apt-get install -y chromium chromium-driver";
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return CHROMEDRIVER + " is missing: apt-get install -y chromium-driver";
        }
        return null;
    }

    private Chromium(Process driver, Path profile, String base, String session) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
        this.session = session;
    }

    public static Chromium start() throws IOException, InterruptedException {
        String why = missing();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path profile = Files.createTempDirectory("faultline-chromium-");
        Process p = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromedriver.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/status")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && Json.MAPPER.readTree(r.body()).path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("chromedriver did not start; see " + profile.resolve("chromedriver.log"));
            }
            Thread.sleep(50);
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("binary", CHROMIUM.toString());
        List<String> args = new java.util.ArrayList<>(FLAGS);
        args.add("--user-data-dir=" + profile.resolve("profile"));
        opts.put("args", args);
        Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch",
                Map.of("browserName", "chrome", "goog:chromeOptions", opts, "pageLoadStrategy", "normal")));
        try {
            JsonNode v = call(http, "POST", base + "/session", caps);
            return new Chromium(p, profile, base, v.path("sessionId").asText());
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static JsonNode call(HttpClient http, String method, String url, Object body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT).header("Content-Type", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode n = Json.MAPPER.readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IOException("WebDriver " + method + " " + url + " -> " + r.statusCode() + ": "
                    + n.path("value").path("message").asText(r.body()));
        }
        return n.path("value");
    }

    private JsonNode call(String method, String path, Object body) throws IOException {
        return call(http, method, base + "/session/" + session + path, body);
    }

    public void navigate(String url) throws IOException {
        call("POST", "/url", Map.of("url", url));
    }

    /** Runs a script (its body; use "return ...") and returns the result. */
    public JsonNode script(String js, Object... args) throws IOException {
        return call("POST", "/execute/sync", Map.of("script", js, "args", List.of(args)));
    }

    /** Polls a script until it returns a truthy value; fails with the message after the timeout. */
    public JsonNode waitFor(String js, long timeoutMs, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = script(js);
            if (last != null && !last.isNull() && !(last.isBoolean() && !last.asBoolean())
                    && !(last.isTextual() && last.asText().isEmpty()) && !(last.isNumber() && last.asDouble() == 0)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what + " (last: " + last + ")");
    }

    public void screenshot(Path png) throws IOException {
        JsonNode v = call("GET", "/screenshot", null);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(v.asText()));
    }

    /** Browser console errors since the last call (chromedriver's "browser" log). */
    public JsonNode consoleLog() throws IOException {
        return call("POST", "/se/log", Map.of("type", "browser"));
    }

    @Override
    public void close() {
        try {
            call("DELETE", "", null);
        } catch (IOException | RuntimeException e) {
            // the driver is going anyway
        }
        driver.destroy();
        try {
            if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.destroyForcibly();
        }
        try (Stream<Path> s = Files.walk(profile)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files
        }
    }
}
