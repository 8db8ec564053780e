package io.faultline.dashboards;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.HtmlRenderer;
import io.faultline.checker.Linearizability;
import io.faultline.checker.basic.Stats;
import io.faultline.checker.model.VersionedKv;
import io.faultline.histories.Histories;
import io.faultline.histories.History;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes small runs in the store layout of docs/store.md for the tests: versioned-kv histories
 * judged by the real checker (so results.json and linear.html are what the checker says), fault
 * logs, node logs, and a live run that a test appends to.
 */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private Fixtures() {}

    /** A run directory with test.json; ops not written yet. */
    static Path newRun(Path store, String name, Instant start, String system, String variant, List<String> nemeses, long seed)
            throws IOException {
        Path dir = store.resolve(name).resolve(io.faultline.dashboards.bench.StoreGenerator.DIR_TIME.format(start));
        Files.createDirectories(dir.resolve("nodes/n1"));
        Files.createDirectories(dir.resolve("nodes/n2"));
        Files.createDirectories(dir.resolve("nodes/n3"));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("system", system);
        t.put("variant", variant);
        t.put("raft", "faultline");
        t.put("workload", "register");
        t.put("backend", "local");
        t.put("partitionMechanism", "transport-filter");
        t.put("nodes", List.of("n1", "n2", "n3"));
        t.put("concurrency", 3);
        t.put("timeLimitS", 10);
        t.put("seed", seed);
        t.put("nemeses", nemeses);
        t.put("nemesisIntervalS", 5);
        t.put("startTime", start.toString());
        t.put("versions", Map.of("faultline", "0.1.0-SNAPSHOT", "java", "17"));
        t.put("command", "faultline test (fixture)");
        Files.writeString(dir.resolve("test.json"), Json.write(t));
        return dir;
    }

    /**
     * A linearizable history: 3 processes doing versioned puts and gets on keys k0..k2, sequential
     * per key through a model, over about {@code ops} ops with a partition during part of the run.
     */
    static Path validRun(Path store, String name, Instant start, String system, List<String> nemeses, long seed, int ops)
            throws IOException {
        Path dir = newRun(store, name, start, system, "faultline", nemeses, seed);
        Random rng = new Random(seed);
        Map<String, long[]> versions = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        long t = 1_000_000;
        int index = 0;
        for (int i = 0; i < ops; i++) {
            int p = i % 3;
            String key = "k" + rng.nextInt(3);
            long[] ver = versions.computeIfAbsent(key, k -> new long[1]);
            long lat = 200_000 + rng.nextInt(3_000_000);
            // ops do not overlap in time, so every history is trivially linearizable when it follows the model
            if (rng.nextBoolean()) {
                String v = Integer.toString(rng.nextInt(100));
                lines.add(op(index++, t, "invoke", p, "put", "{\"key\":\"" + key + "\",\"value\":\"" + v + "\",\"version\":" + ver[0] + "}", 1 + p));
                lines.add(op(index++, t + lat, "ok", p, "put", "{\"key\":\"" + key + "\",\"err\":\"OK\"}", 1 + p));
                ver[0]++;
                values.put(key, v);
            } else {
                lines.add(op(index++, t, "invoke", p, "get", "{\"key\":\"" + key + "\"}", 1 + p));
                lines.add(op(index++, t + lat, "ok", p, "get", "{\"value\":\"" + values.getOrDefault(key, "") + "\",\"version\":" + ver[0] + ",\"err\":\"OK\"}", 1 + p));
            }
            t += lat + 100_000;
        }
        Files.write(dir.resolve("history.jsonl"), lines, StandardCharsets.UTF_8);
        long endNs = t;
        if (!nemeses.isEmpty()) {
            Files.write(dir.resolve("faults.jsonl"), List.of(
                    fault(endNs / 4, start, "start", nemeses.get(0), "[\"n1\",\"n2\"]"),
                    fault(endNs / 2, start, "stop", nemeses.get(0), "[]")), StandardCharsets.UTF_8);
        }
        finish(dir, start, endNs);
        return dir;
    }

    /**
     * A run with a planted stale read: a put of "x" completes OK, then a get that starts after it
     * returns the initial "" — not linearizable. The checker's counterexample goes to results.json
     * and linear.html exactly as it reports it.
     */
    static Path invalidRun(Path store, String name, Instant start) throws IOException {
        Path dir = newRun(store, name, start, "kvsrv", "bug-local-get", List.of("partition"), 99);
        List<String> lines = new ArrayList<>();
        int i = 0;
        lines.add(op(i++, 1_000_000, "invoke", 0, "put", "{\"key\":\"k1\",\"value\":\"a\",\"version\":0}", 1));
        lines.add(op(i++, 1_500_000, "invoke", 1, "get", "{\"key\":\"k2\"}", 2));
        lines.add(op(i++, 2_000_000, "ok", 0, "put", "{\"key\":\"k1\",\"err\":\"OK\"}", 1));
        lines.add(op(i++, 2_600_000, "ok", 1, "get", "{\"value\":\"\",\"version\":0,\"err\":\"OK\"}", 2));
        lines.add(op(i++, 3_000_000, "invoke", 2, "put", "{\"key\":\"k1\",\"value\":\"b\",\"version\":1}", 3));
        lines.add(op(i++, 3_500_000, "invoke", 0, "get", "{\"key\":\"k1\"}", 1));
        lines.add(op(i++, 4_200_000, "ok", 2, "put", "{\"key\":\"k1\",\"err\":\"OK\"}", 3));
        lines.add(op(i++, 5_000_000, "ok", 0, "get", "{\"value\":\"a\",\"version\":1,\"err\":\"OK\"}", 1));
        // the stale read: k1 is "b" (version 2) by now, this get returns the initial value
        lines.add(op(i++, 6_000_000, "invoke", 1, "get", "{\"key\":\"k1\"}", 2));
        lines.add(op(i++, 7_000_000, "ok", 1, "get", "{\"value\":\"\",\"version\":0,\"err\":\"OK\"}", 2));
        lines.add("{\"index\":" + i++ + ",\"time\":7500000,\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"start-partition\",\"value\":{\"targets\":\"n1\"}}");
        Files.write(dir.resolve("history.jsonl"), lines, StandardCharsets.UTF_8);
        Files.write(dir.resolve("faults.jsonl"), List.of(fault(5_500_000, start, "start", "partition", "[\"n1\"]")), StandardCharsets.UTF_8);
        finish(dir, start, 8_000_000);
        return dir;
    }

    /** Checks the run's history with the real checker and writes results.json (+ linear.html), progress.json, logs. */
    private static void finish(Path dir, Instant start, long endNs) throws IOException {
        History h = Histories.read(dir.resolve("history.jsonl"));
        CheckResult lin = new Linearizability(new VersionedKv(), 1).check(h, Budget.ofSeconds(20));
        CheckResult stats = new Stats().check(h, Budget.ofSeconds(20));
        CheckResult all = CheckResult.compose("compose", List.of(lin, stats));
        Map<String, Object> results = new LinkedHashMap<>(all.toMap());
        long ok = 0;
        long fail = 0;
        long info = 0;
        for (var o : h.operations()) {
            if (!o.invoke().isClient()) {
                continue;
            }
            switch (o.outcome()) {
                case OK: ok++; break;
                case FAIL: fail++; break;
                default: info++;
            }
        }
        results.put("ops", Map.of("total", h.ops().size(), "ok", ok, "fail", fail, "info", info));
        results.put("timing", Map.of("runMs", endNs / 1_000_000, "checkMs", 5));
        Files.writeString(dir.resolve("results.json"), Json.write(results));
        if (lin.counterexample() != null) {
            Files.writeString(dir.resolve("linear.html"), HtmlRenderer.render(lin.counterexample(), "counterexample"));
        }
        long durationMs = endNs / 1_000_000 + 1;
        var test = (com.fasterxml.jackson.databind.node.ObjectNode) Json.readObject(dir.resolve("test.json"));
        test.put("endTime", start.plusMillis(durationMs).toString());
        test.put("durationMs", durationMs);
        Files.writeString(dir.resolve("test.json"), Json.write(test));
        Files.writeString(dir.resolve("progress.json"), "{\"updatedAt\":\"" + start.plusMillis(durationMs) + "\",\"phase\":\"done\",\"elapsedMs\":"
                + durationMs + ",\"ops\":" + (ok + fail + info) + ",\"ok\":" + ok + ",\"fail\":" + fail + ",\"info\":" + info + ",\"opsPerSec\":0,\"activeFaults\":[]}");
        Files.writeString(dir.resolve("run.log"), start + " INFO run started\n" + start.plusMillis(durationMs) + " INFO verdict " + all.valid() + "\n");
        for (int n = 1; n <= 3; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                sb.append(start.plusMillis(i)).append(" n").append(n).append(i % 50 == 7 ? " WARN election timeout, term " : " INFO applied index ")
                        .append(i).append('\n');
            }
            Files.writeString(dir.resolve("nodes/n" + n + "/node.log"), sb.toString());
        }
    }

    static String op(int index, long t, String type, int process, String f, String value, int node) {
        return "{\"index\":" + index + ",\"time\":" + t + ",\"type\":\"" + type + "\",\"process\":" + process + ",\"f\":\"" + f
                + "\",\"value\":" + value + ",\"node\":\"n" + node + "\"}";
    }

    static String fault(long tNs, Instant start, String action, String fault, String targets) {
        return "{\"timeNs\":" + tNs + ",\"wallTime\":\"" + start.plusNanos(tNs) + "\",\"action\":\"" + action + "\",\"fault\":\"" + fault
                + "\",\"targets\":" + targets + ",\"detail\":{},\"mechanism\":\"transport-filter\"}";
    }

    /** A live run: test.json, a fresh progress.json, and an empty history to append to. */
    static final class LiveRun {
        final Path dir;
        private long t = 1_000_000;
        private int index;
        private long ok;

        LiveRun(Path store, String name, Instant start) throws IOException {
            dir = newRun(store, name, start, "kvraft", "faultline", List.of("partition"), 7);
            Files.writeString(dir.resolve("history.jsonl"), "");
            progress(List.of());
        }

        void appendOps(int n) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(op(index++, t, "invoke", i % 3, "get", "{\"key\":\"k0\"}", 1)).append('\n');
                t += 500_000;
                sb.append(op(index++, t, "ok", i % 3, "get", "{\"value\":\"\",\"version\":0,\"err\":\"OK\"}", 1)).append('\n');
                t += 100_000;
                ok++;
            }
            try (Writer w = Files.newBufferedWriter(dir.resolve("history.jsonl"), StandardOpenOption.APPEND)) {
                w.write(sb.toString());
            }
        }

        long ok() {
            return ok;
        }

        void startFault() throws IOException {
            Files.writeString(dir.resolve("faults.jsonl"), fault(t, T0, "start", "partition", "[\"n2\"]") + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        /** Replaces progress.json atomically, as the harness does. */
        void progress(List<String> activeFaults) throws IOException {
            Path tmp = dir.resolve("progress.json.tmp");
            Files.writeString(tmp, "{\"updatedAt\":\"" + Instant.now() + "\",\"phase\":\"run\",\"elapsedMs\":" + t / 1_000_000
                    + ",\"timeLimitS\":60,\"ops\":" + ok + ",\"ok\":" + ok + ",\"fail\":0,\"info\":0,\"opsPerSec\":" + ok
                    + ".0,\"activeFaults\":" + Json.write(activeFaults) + "}");
            Files.move(tmp, dir.resolve("progress.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
