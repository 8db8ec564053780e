package io.faultline.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything the dashboards show, as JSON-ready maps; the HTTP layer and report.html both use
 * it. Methods taking a run id return null when the id is not a run of the store (HTTP 404).
 */
public final class Api {
    public static final int FILES_MAX = 2000;

    private final Store store;
    private final RunIndex index;
    private final Summaries summaries;

    public Api(Store store) {
        this.store = store;
        this.index = new RunIndex(store);
        this.summaries = new Summaries();
    }

    public Store store() {
        return store;
    }

    public RunIndex index() {
        return index;
    }

    public Summaries summaries() {
        return summaries;
    }

    public Map<String, Object> runs(RunIndex.Query q) {
        return index.query(q);
    }

    public Map<String, Object> run(String id) throws IOException {
        Path dir = store.run(id).orElse(null);
        return dir == null ? null : run(id, dir);
    }

    static Map<String, Object> run(String id, Path dir, RunIndex index) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("info", index.info(id, dir).toMap());
        ObjectNode test = readOrError(dir.resolve("test.json"), m);
        m.put("test", test);
        m.put("results", readOrError(dir.resolve("results.json"), m));
        m.put("progress", readOrError(dir.resolve("progress.json"), m));
        m.put("hasLinearHtml", Files.isRegularFile(dir.resolve("linear.html")));
        m.put("files", files(dir));
        return m;
    }

    public Map<String, Object> run(String id, Path dir) throws IOException {
        return run(id, dir, index);
    }

    private static ObjectNode readOrError(Path f, Map<String, Object> m) {
        try {
            return Json.readObject(f);
        } catch (StoreFormatException e) {
            @SuppressWarnings("unchecked")
            List<String> errors = (List<String>) m.computeIfAbsent("errors", k -> new ArrayList<String>());
            errors.add(e.getMessage());
            return null;
        }
    }

    /** The run's regular files (relative path to size), sorted. */
    static List<Map<String, Object>> files(Path dir) throws IOException {
        TreeMap<String, Long> found = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir, 4)) {
            s.filter(Files::isRegularFile).limit(FILES_MAX).forEach(p -> {
                try {
                    found.put(dir.relativize(p).toString().replace('\\', '/'), Files.size(p));
                } catch (IOException e) {
                    found.put(dir.relativize(p).toString(), -1L);
                }
            });
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : found.entrySet()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", e.getKey());
            f.put("sizeBytes", e.getValue());
            out.add(f);
        }
        return out;
    }

    /**
     * Trends: per (system, nemeses) group, each finished run in start order with its verdict,
     * throughput (completed ops/s over the run) and p99 latency of ok ops (from the history).
     */
    public Map<String, Object> trends() {
        Map<String, List<Map<String, Object>>> groups = new TreeMap<>();
        int computed = 0;
        for (RunInfo r : index.all()) {
            if (r.live() || "error".equals(r.verdict())) {
                continue;
            }
            Path dir = store.run(r.id()).orElse(null);
            if (dir == null) {
                continue;
            }
            Summaries.Stats st = summaries.stats(dir);
            computed++;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", r.id());
            p.put("startTime", r.startTime());
            p.put("verdict", r.verdict());
            p.put("opsPerSec", r.opsPerSec() >= 0 ? HistoryAggregator.round3(r.opsPerSec())
                    : st.lastTimeNs() > 0 ? HistoryAggregator.round3(st.completed() * 1e9 / st.lastTimeNs()) : null);
            p.put("p99OkMs", st.p99OkMs() < 0 ? null : HistoryAggregator.round3(st.p99OkMs()));
            String key = (r.system() == null ? "?" : r.system()) + " | "
                    + (r.nemeses().isEmpty() ? "no faults" : String.join("+", r.nemeses()));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> e : groups.entrySet()) {
            List<Map<String, Object>> runs = e.getValue();
            runs.sort((a, b) -> String.valueOf(a.get("startTime")).compareTo(String.valueOf(b.get("startTime"))));
            long valid = runs.stream().filter(x -> "valid".equals(x.get("verdict"))).count();
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("group", e.getKey());
            g.put("runs", runs);
            g.put("passRate", runs.isEmpty() ? null : HistoryAggregator.round3(valid / (double) runs.size()));
            out.add(g);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groups", out);
        m.put("runsCounted", computed);
        return m;
    }
}
