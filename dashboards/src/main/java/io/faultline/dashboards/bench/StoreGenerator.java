package io.faultline.dashboards.bench;

import io.faultline.dashboards.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Writes synthetic runs in the store layout (docs/store.md) for the dashboards' benchmark and
 * tests: a seeded workload of versioned-kv gets and puts over {@code concurrency} processes,
 * faults every few seconds (ops slow down, time out as info, or fail while one is active), and
 * the files a finished run has. The data are synthetic: test.json says so ({@code "synthetic": true})
 * and results.json's verdict is the one asked for, not a checker's.
 */
public final class StoreGenerator {
    public static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

    /** What to generate. {@code verdict} is "valid", "invalid", "unknown" or null (no results.json). */
    public record Spec(String name, String system, String variant, String raft, List<String> nemeses, long seed,
                       Instant start, long ops, int concurrency, String verdict, int nodes) {}

    private StoreGenerator() {}

    public static Path runDir(Path store, Spec s) {
        return store.resolve(s.name()).resolve(DIR_TIME.format(s.start()));
    }

    /** Writes one complete run; returns its directory. */
    public static Path write(Path store, Spec s) throws IOException {
        Path dir = runDir(store, s);
        Files.createDirectories(dir);
        Random rng = new Random(s.seed());
        List<long[]> faultWindows = new ArrayList<>(); // {fromNs, toNs, faultIndex}
        long endNs;
        try (Writer h = Files.newBufferedWriter(dir.resolve("history.jsonl"), StandardCharsets.UTF_8)) {
            endNs = history(h, s, rng, faultWindows);
        }
        faults(dir, s, faultWindows, rng);
        long durationMs = endNs / 1_000_000 + 250;
        Map<String, Object> test = test(s, durationMs);
        Files.writeString(dir.resolve("test.json"), Json.write(test));
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("updatedAt", s.start().plusMillis(durationMs).toString());
        progress.put("phase", "done");
        progress.put("elapsedMs", durationMs);
        progress.put("ops", s.ops());
        progress.put("activeFaults", List.of());
        Files.writeString(dir.resolve("progress.json"), Json.write(progress));
        if (s.verdict() != null) {
            Files.writeString(dir.resolve("results.json"), Json.write(results(s, durationMs)));
        }
        try (Writer log = Files.newBufferedWriter(dir.resolve("run.log"))) {
            log.write(s.start() + " INFO starting " + s.name() + " seed " + s.seed() + " (synthetic)\n");
            log.write(s.start().plusMillis(durationMs) + " INFO done: " + s.verdict() + "\n");
        }
        for (int n = 1; n <= s.nodes(); n++) {
            Path nd = dir.resolve("nodes").resolve("n" + n);
            Files.createDirectories(nd);
            try (Writer log = Files.newBufferedWriter(nd.resolve("node.log"))) {
                for (int i = 0; i < 20; i++) {
                    log.write(s.start().plusMillis(i * 100L) + " n" + n + " INFO term " + (1 + i / 5) + " tick " + i + "\n");
                }
            }
        }
        return dir;
    }

    static Map<String, Object> test(Spec s, long durationMs) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", s.name());
        t.put("system", s.system());
        t.put("variant", s.variant());
        t.put("raft", s.raft());
        t.put("workload", "register");
        t.put("backend", "local");
        t.put("partitionMechanism", "transport-filter");
        List<String> nodes = new ArrayList<>();
        for (int n = 1; n <= s.nodes(); n++) {
            nodes.add("n" + n);
        }
        t.put("nodes", nodes);
        t.put("concurrency", s.concurrency());
        t.put("timeLimitS", Math.max(1, durationMs / 1000));
        t.put("seed", s.seed());
        t.put("nemeses", s.nemeses());
        t.put("nemesisIntervalS", 5);
        t.put("startTime", s.start().toString());
        t.put("endTime", s.start().plusMillis(durationMs).toString());
        t.put("durationMs", durationMs);
        t.put("versions", Map.of("faultline", "0.1.0-SNAPSHOT"));
        t.put("command", "faultline bench dashboards (synthetic run)");
        t.put("synthetic", true);
        return t;
    }

    static Map<String, Object> results(Spec s, long durationMs) {
        Map<String, Object> r = new LinkedHashMap<>();
        boolean valid = "valid".equals(s.verdict());
        r.put("valid", "unknown".equals(s.verdict()) ? "unknown" : valid);
        r.put("checker", "compose");
        r.put("summary", valid ? "all 2 checks valid (synthetic)" : "linearizable=" + s.verdict() + " (synthetic)");
        Map<String, Object> lin = new LinkedHashMap<>();
        lin.put("checker", "linearizable");
        lin.put("valid", "unknown".equals(s.verdict()) ? "unknown" : valid);
        lin.put("summary", "synthetic verdict of the benchmark store");
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("checker", "stats");
        stats.put("valid", true);
        stats.put("summary", s.ops() + " ops");
        r.put("children", List.of(lin, stats));
        r.put("ops", Map.of("total", s.ops() * 2, "ok", s.ops() * 9 / 10, "fail", s.ops() / 20, "info", s.ops() - s.ops() * 9 / 10 - s.ops() / 20));
        r.put("timing", Map.of("runMs", durationMs, "checkMs", 1));
        return r;
    }

    private static long history(Writer h, Spec s, Random rng, List<long[]> faultWindows) throws IOException {
        int c = s.concurrency();
        long[] pid = new long[c];
        long[] invokeNs = new long[c];
        int[] kind = new int[c];
        PriorityQueue<long[]> q = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int i = 0; i < c; i++) {
            pid[i] = i;
            q.add(new long[] {1_000_000L + rng.nextInt(1_000_000), i, 0});
        }
        long index = 0;
        long started = 0;
        long done = 0;
        long t = 0;
        long nextFaultNs = 2_000_000_000L;
        long faultEndNs = -1;
        int nemeses = s.nemeses().size();
        StringBuilder sb = new StringBuilder(256);
        while (done < s.ops()) {
            long[] e = q.poll();
            t = e[0];
            int th = (int) e[1];
            if (nemeses > 0 && t >= nextFaultNs && faultEndNs < 0) {
                int fi = rng.nextInt(nemeses);
                faultEndNs = t + 1_000_000_000L + rng.nextInt(2_000_000_000);
                faultWindows.add(new long[] {t, faultEndNs, fi});
                nemesisLine(h, sb, index++, t, "start-" + s.nemeses().get(fi));
            }
            if (faultEndNs >= 0 && t >= faultEndNs) {
                nemesisLine(h, sb, index++, faultEndNs, "stop-" + s.nemeses().get((int) faultWindows.get(faultWindows.size() - 1)[2]));
                nextFaultNs = faultEndNs + 2_000_000_000L + rng.nextInt(2_000_000_000);
                faultEndNs = -1;
            }
            boolean inFault = faultEndNs >= 0;
            if (e[2] == 0) {
                if (started >= s.ops()) {
                    continue;
                }
                started++;
                kind[th] = rng.nextInt(2);
                invokeNs[th] = t;
                opLine(h, sb, index++, t, "invoke", pid[th], kind[th], rng, th, null);
                long lat = (long) (300_000 * Math.exp(rng.nextGaussian() * 0.6));
                if (inFault && rng.nextInt(4) == 0) {
                    lat = rng.nextInt(10) == 0 ? 1_000_000_000L : lat * (5 + rng.nextInt(50));
                }
                q.add(new long[] {t + lat, th, 1});
            } else {
                String type = t - invokeNs[th] >= 1_000_000_000L ? "info" : inFault && rng.nextInt(6) == 0 ? "fail" : "ok";
                opLine(h, sb, index++, t, type, pid[th], kind[th], rng, th, type);
                done++;
                if ("info".equals(type)) {
                    pid[th] += c;
                }
                q.add(new long[] {t + 20_000 + rng.nextInt(200_000), th, 0});
            }
        }
        if (faultEndNs >= 0) {
            faultWindows.get(faultWindows.size() - 1)[1] = Math.min(faultEndNs, t);
        }
        return t;
    }

    private static void nemesisLine(Writer h, StringBuilder sb, long index, long t, String f) throws IOException {
        sb.setLength(0);
        sb.append("{\"index\":").append(index).append(",\"time\":").append(t)
                .append(",\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"").append(f).append("\",\"value\":null}\n");
        h.write(sb.toString());
    }

    private static void opLine(Writer h, StringBuilder sb, long index, long t, String type, long process, int kind,
                               Random rng, int thread, String outcome) throws IOException {
        sb.setLength(0);
        String key = "k" + (thread % 5);
        sb.append("{\"index\":").append(index).append(",\"time\":").append(t).append(",\"type\":\"").append(type)
                .append("\",\"process\":").append(process).append(",\"f\":\"").append(kind == 0 ? "get" : "put").append("\",\"value\":");
        if (outcome == null) {
            sb.append(kind == 0 ? "{\"key\":\"" + key + "\"}" : "{\"key\":\"" + key + "\",\"value\":\"" + rng.nextInt(100) + "\",\"version\":" + rng.nextInt(50) + "}");
        } else if (kind == 0 && "ok".equals(outcome)) {
            sb.append("{\"value\":\"").append(rng.nextInt(100)).append("\",\"version\":").append(rng.nextInt(50)).append(",\"err\":\"OK\"}");
        } else {
            sb.append("{\"key\":\"").append(key).append("\",\"err\":\"").append("fail".equals(outcome) ? "ErrVersion" : "OK").append("\"}");
        }
        sb.append(",\"node\":\"n").append(1 + thread % 3).append("\"}\n");
        h.write(sb.toString());
    }

    private static void faults(Path dir, Spec s, List<long[]> windows, Random rng) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("faults.jsonl"), StandardCharsets.UTF_8)) {
            for (long[] win : windows) {
                String fault = s.nemeses().get((int) win[2]);
                String target = "n" + (1 + rng.nextInt(Math.max(1, s.nodes())));
                for (int a = 0; a < 2; a++) {
                    long tn = win[a];
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("timeNs", tn);
                    e.put("wallTime", s.start().plusNanos(tn).toString());
                    e.put("action", a == 0 ? "start" : "stop");
                    e.put("fault", fault);
                    e.put("targets", a == 0 ? List.of(target) : List.of());
                    e.put("detail", Map.of());
                    e.put("mechanism", "transport-filter");
                    w.write(Json.write(e));
                    w.write('\n');
                }
            }
        }
    }
}
