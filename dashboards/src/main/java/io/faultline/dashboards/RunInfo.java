package io.faultline.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the runs index, built from test.json, results.json and progress.json (never from
 * the history). {@code verdict} is valid, invalid, unknown, live or incomplete (docs/store.md).
 */
public record RunInfo(String id, String name, String system, String variant, String raft, String workload,
                      List<String> nemeses, String seed, String startTime, long durationMs, long ops,
                      String verdict, String summary, String phase, String error) {

    /** How long after its last progress.json a run without results still counts as live. */
    public static final long LIVE_WINDOW_MS = 10_000;

    static RunInfo of(String id, ObjectNode test, ObjectNode results, ObjectNode progress, long progressAgeMs) {
        List<String> nemeses = new ArrayList<>();
        JsonNode nem = test.get("nemeses");
        if (nem != null && nem.isArray()) {
            nem.forEach(n -> nemeses.add(n.asText()));
        }
        String verdict;
        String summary = null;
        long ops = -1;
        long durationMs = Json.longOr(test, "durationMs", -1);
        if (results != null) {
            JsonNode v = results.get("valid");
            verdict = v == null ? "unknown" : v.isBoolean() ? (v.asBoolean() ? "valid" : "invalid") : "unknown";
            summary = Json.text(results, "summary");
            JsonNode o = results.get("ops");
            if (o != null && o.isObject()) {
                ops = Json.longOr(o, "ok", 0) + Json.longOr(o, "fail", 0) + Json.longOr(o, "info", 0);
            }
            if (durationMs < 0) {
                durationMs = Json.longOr(results.get("timing"), "runMs", -1);
            }
        } else {
            verdict = progress != null && progressAgeMs >= 0 && progressAgeMs <= LIVE_WINDOW_MS ? "live" : "incomplete";
        }
        if (progress != null) {
            if (ops < 0) {
                ops = Json.longOr(progress, "ops", -1);
            }
            if (durationMs < 0) {
                durationMs = Json.longOr(progress, "elapsedMs", -1);
            }
        }
        JsonNode seed = test.get("seed");
        return new RunInfo(id, nz(Json.text(test, "name"), id.substring(0, id.indexOf('/'))), Json.text(test, "system"),
                Json.text(test, "variant"), Json.text(test, "raft"), Json.text(test, "workload"), List.copyOf(nemeses),
                seed == null || seed.isNull() ? null : seed.asText(), Json.text(test, "startTime"), durationMs, ops,
                verdict, summary, progress == null ? null : Json.text(progress, "phase"), null);
    }

    /** A row for a run whose files could not be read: shown, with the reason, never hidden. */
    static RunInfo broken(String id, String error) {
        return new RunInfo(id, id.substring(0, id.indexOf('/')), null, null, null, null, List.of(), null,
                null, -1, -1, "error", null, null, error);
    }

    private static String nz(String a, String b) {
        return a == null ? b : a;
    }

    public boolean live() {
        return "live".equals(verdict);
    }

    /** Completed ops per second over the run, or -1 when unknown. */
    public double opsPerSec() {
        return ops < 0 || durationMs <= 0 ? -1 : ops * 1000.0 / durationMs;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("system", system);
        m.put("variant", variant);
        m.put("raft", raft);
        m.put("workload", workload);
        m.put("nemeses", nemeses);
        m.put("seed", seed);
        m.put("startTime", startTime);
        m.put("durationMs", durationMs);
        m.put("ops", ops);
        m.put("opsPerSec", opsPerSec());
        m.put("verdict", verdict);
        m.put("summary", summary);
        m.put("phase", phase);
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
