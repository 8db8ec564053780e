package io.faultline.dashboards.bench;

import com.fasterxml.jackson.core.JsonParser;
import io.faultline.dashboards.DashboardServer;
import io.faultline.dashboards.Json;
import io.faultline.dashboards.browser.Chromium;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The dashboards benchmark: a store of {@code runs} small runs and one big run, served on
 * loopback; times the requests the index and run pages make (cold = fresh server caches, warm =
 * median of repeats), and page loads in headless Chromium when installed, against two peers on
 * the big history: a raw read (like cat) and a Jackson streaming parse.
 */
public final class DashboardsBench {
    static final String[] SYSTEMS = {"kvraft", "kvsrv", "raft", "shardkv"};
    static final List<List<String>> NEMESES = List.of(List.of(), List.of("partition"), List.of("kill"),
            List.of("partition", "kill", "pause"), List.of("clock"));

    private final Path store;
    private final int runs;
    private final long ops;
    private final long smallOps;
    private final int repeat;
    private final boolean browser;
    private final PrintWriter out;
    private final HttpClient http = HttpClient.newHttpClient();
    private final java.util.Map<String, Integer> sizes = new java.util.TreeMap<>();

    public DashboardsBench(Path store, int runs, long ops, long smallOps, int repeat, boolean browser, PrintWriter out) {
        this.store = store;
        this.runs = runs;
        this.ops = ops;
        this.smallOps = smallOps;
        this.repeat = repeat;
        this.browser = browser;
        this.out = out;
    }

    /** Writes the store unless a complete one with the same parameters is there; returns the big run's id. */
    public static String generate(Path store, int runs, long ops, long smallOps, PrintWriter out) throws IOException {
        Path marker = store.resolve(".bench-store");
        String params = "runs=" + runs + " ops=" + ops + " smallOps=" + smallOps + " v1";
        Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
        StoreGenerator.Spec big = new StoreGenerator.Spec("kvraft-big", "kvraft", "faultline", "faultline",
                List.of("partition", "kill"), 42, t0.plusSeconds(86_400L * 40), ops, 10, "valid", 5);
        String bigId = "kvraft-big/" + StoreGenerator.DIR_TIME.format(big.start());
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(params)) {
            return bigId;
        }
        if (Files.exists(store) && !Files.isRegularFile(marker)) {
            try (var s = Files.list(store)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(store + " exists and is not a bench store; choose another --store");
                }
            }
        }
        deleteTree(store);
        Files.createDirectories(store);
        long t = System.nanoTime();
        out.printf("generating %d runs of %d ops and one of %d ops in %s ...%n", runs, smallOps, ops, store);
        out.flush();
        java.util.Random rng = new java.util.Random(7);
        for (int i = 0; i < runs; i++) {
            String sys = SYSTEMS[i % SYSTEMS.length];
            List<String> nem = NEMESES.get((i / SYSTEMS.length) % NEMESES.size());
            int roll = rng.nextInt(100);
            String verdict = roll < 85 ? "valid" : roll < 95 ? "invalid" : "unknown";
            StoreGenerator.write(store, new StoreGenerator.Spec(sys + "-" + (nem.isEmpty() ? "nofaults" : String.join("-", nem)),
                    sys, roll >= 85 && roll < 95 ? "bug-local-get" : "faultline", i % 3 == 0 ? "etcd" : "faultline", nem,
                    1000 + i, t0.plusSeconds(3600L * i), smallOps, 5, verdict, 3));
        }
        StoreGenerator.write(store, big);
        Files.writeString(marker, params);
        out.printf("generated in %.1f s%n", (System.nanoTime() - t) / 1e9);
        return bigId;
    }

    /** Rounds of (peers, then a fresh server cold and warm), so each ratio compares figures taken minutes apart at most. */
    public static final int ROUNDS = 3;

    public void run() throws Exception {
        String bigId = generate(store, runs, ops, smallOps, out);
        Path history = store.resolve(bigId).resolve("history.jsonl");
        long bytes = Files.size(history);
        rawRead(history); // page cache warm for every measurement below
        out.printf(Locale.ROOT, "store: %d runs + 1 run of %,d ops (history.jsonl %.1f MiB); %d rounds, warm = median of %d%n",
                runs, ops, bytes / 1048576.0, ROUNDS, repeat);
        out.println("round  load1  cat_ms  jackson_ms  index_cold  index_warm  run_cold  run_warm  trends_cold  trends_warm"
                + "  run_cold/jackson  run_warm/jackson");
        String runApi = "/api/runs/" + bigId;
        String index = "/api/runs?page=1&size=50&sort=startTime&order=desc";
        double[][] rows = new double[ROUNDS][];
        for (int round = 0; round < ROUNDS; round++) {
            double load = loadAverage();
            double catMs = time(() -> rawRead(history));
            double jacksonMs = time(() -> jacksonRead(history));
            try (DashboardServer s = DashboardServer.start(store, "127.0.0.1", 0)) {
                String b = "http://127.0.0.1:" + s.port();
                double indexCold = time(() -> getAll(b, "/", "/static/common.js", "/static/index.js", index));
                double runCold = time(() -> getAll(b, "/runs/" + bigId, "/static/run.js", runApi, runApi + "/summary",
                        runApi + "/faults", runApi + "/logs", runApi + "/timeline?fromNs=0&toNs=60000000&limit=3000"));
                double indexWarm = median(() -> getAll(b, "/", index));
                double runWarm = median(() -> getAll(b, runApi, runApi + "/summary", runApi + "/faults",
                        runApi + "/timeline?fromNs=0&toNs=60000000&limit=3000"));
                double trendsCold = time(() -> getAll(b, "/api/trends"));
                double trendsWarm = median(() -> getAll(b, "/api/trends"));
                rows[round] = new double[] {load, catMs, jacksonMs, indexCold, indexWarm, runCold, runWarm, trendsCold, trendsWarm};
            }
            double[] r = rows[round];
            out.printf(Locale.ROOT, "%5d  %5.1f  %6.0f  %10.0f  %10.0f  %10.0f  %8.0f  %8.0f  %11.0f  %11.0f  %16.2f  %16.2f%n",
                    round + 1, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[5] / r[2], r[6] / r[2]);
            out.flush();
        }
        double[] med = new double[9];
        for (int c = 0; c < 9; c++) {
            double[] col = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                col[i] = rows[i][c];
            }
            Arrays.sort(col);
            med[c] = col[ROUNDS / 2];
        }
        out.printf(Locale.ROOT, "median %5.1f  %6.0f  %10.0f  %10.0f  %10.0f  %8.0f  %8.0f  %11.0f  %11.0f  %16.2f  %16.2f%n",
                med[0], med[1], med[2], med[3], med[4], med[5], med[6], med[7], med[8], med[5] / med[2], med[6] / med[2]);
        out.println("response sizes (bytes): " + sizes);
        if (browser) {
            String why = Chromium.missing();
            if (why != null) {
                out.println("browser: skipped: " + why);
            } else {
                browserLoads(bigId, med[2]);
            }
        }
        out.flush();
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void browserLoads(String bigId, double jacksonMs) throws Exception {
        try (Chromium c = Chromium.start()) {
            double[] r = new double[4];
            for (int cold = 1; cold >= 0; cold--) {
                // cold: a fresh server (empty caches) per page; warm: the same server, second load
                try (DashboardServer s = DashboardServer.start(store, "127.0.0.1", 0)) {
                    String b = "http://127.0.0.1:" + s.port();
                    if (cold == 0) {
                        pageLoad(c, b + "/");
                        pageLoad(c, b + "/runs/" + bigId);
                    }
                    r[cold * 2] = pageLoad(c, b + "/");
                    r[cold * 2 + 1] = pageLoad(c, b + "/runs/" + bigId);
                    out.println("  run page in Chromium, " + (cold == 1 ? "cold" : "warm") + ", ms since navigation start: "
                            + c.script("return JSON.stringify(window.__perf)").asText());
                }
            }
            out.printf(Locale.ROOT, "index    (Chromium, navigate to rendered)  cold %8.1f ms   warm %8.1f ms%n", r[2], r[0]);
            out.printf(Locale.ROOT, "run page (Chromium, navigate to rendered)  cold %8.1f ms   warm %8.1f ms   cold/Jackson %.2fx%n",
                    r[3], r[1], r[3] / jacksonMs);
        }
    }

    private static double pageLoad(Chromium c, String url) throws Exception {
        long t = System.nanoTime();
        c.navigate(url);
        c.waitFor("return document.body.dataset.ready === '1'", 60_000, "page " + url + " rendered");
        return (System.nanoTime() - t) / 1e6;
    }

    interface Task {
        void run() throws Exception;
    }

    private static double time(Task t) throws Exception {
        long s = System.nanoTime();
        t.run();
        return (System.nanoTime() - s) / 1e6;
    }

    private double median(Task t) throws Exception {
        double[] v = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            v[i] = time(t);
        }
        Arrays.sort(v);
        return v[repeat / 2];
    }

    private void getAll(String base, String... paths) throws IOException, InterruptedException {
        List<String> bad = new ArrayList<>();
        for (String p : paths) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + p)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                bad.add(p + " -> " + r.statusCode());
            }
            sizes.put(p.replaceAll("\\?.*", ""), r.body().length);
        }
        if (!bad.isEmpty()) {
            throw new IOException("bench requests failed: " + bad);
        }
    }

    static void rawRead(Path f) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(f)) {
            while (in.read(buf) >= 0) {
                // discard, like cat > /dev/null
            }
        }
    }

    static void jacksonRead(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f); JsonParser p = Json.FACTORY.createParser(in)) {
            long tokens = 0;
            while (p.nextToken() != null) {
                tokens++;
            }
            if (tokens == 0) {
                throw new IOException(f + " is empty");
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
