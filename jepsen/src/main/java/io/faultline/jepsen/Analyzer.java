package io.faultline.jepsen;

import io.faultline.checker.CheckResult;
import io.faultline.histories.HistoryFormatException;
import io.faultline.workloads.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code faultline analyze}: re-checks a stored run from its {@code test.json} (which workload) and
 * {@code history.jsonl}, including a run whose harness died (no results.json; the history may end
 * in a torn line, which is dropped and reported — a malformed line elsewhere is an error).
 */
public final class Analyzer {
    private Analyzer() {}

    /** Exit code, notes for the user, and the one-line verdict. */
    public record Outcome(int exitCode, List<String> notes, String summary) {}

    public static Outcome analyze(Path runDir, double checkBudgetS) throws IOException {
        List<String> notes = new ArrayList<>();
        RunStore store = RunStore.open(runDir);
        if (!Files.isRegularFile(store.file("test.json"))) {
            return new Outcome(3, notes, "error: " + store.file("test.json") + " not found (is " + runDir + " a run directory?)");
        }
        if (!Files.isRegularFile(store.file("history.jsonl"))) {
            return new Outcome(3, notes, "error: " + store.file("history.jsonl") + " not found");
        }
        Map<String, Object> test = store.readJson("test.json");
        Object workload = test.get("workload");
        if (!(workload instanceof String) || !Workloads.NAMES.contains(workload)) {
            return new Outcome(3, notes, "error: " + store.file("test.json") + ": unknown workload " + workload
                    + "; valid: " + String.join(", ", Workloads.NAMES));
        }
        boolean incomplete = !Files.exists(store.file("results.json")) || "error".equals(phaseOf(store));
        if (!Files.exists(store.file("results.json"))) {
            notes.add("incomplete run: no results.json (the harness died); checking what was recorded");
        }
        StoredHistory h;
        try {
            h = StoredHistory.read(store.file("history.jsonl"));
        } catch (HistoryFormatException e) {
            return new Outcome(3, notes, "error: " + e.getMessage());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("name", test.get("name"));
        extra.put("seed", test.get("seed"));
        extra.put("analyzedAt", Instant.now().toString());
        extra.put("incomplete", incomplete);
        if (h.tornLine() > 0) {
            String t = h.tornText();
            notes.add("history.jsonl line " + h.tornLine() + " is torn (cut mid-write by the harness's death): dropped: "
                    + (t.length() > 120 ? t.substring(0, 120) + "..." : t));
            extra.put("tornLastLine", Map.of("line", h.tornLine(), "text", t));
        }
        Object runMs = test.get("durationMs");
        List<String> nodeFailures = new ArrayList<>();
        if (test.get("nodeFailures") instanceof List<?> recorded) {
            recorded.forEach(f -> nodeFailures.add(String.valueOf(f)));
        }
        CheckResult r = Verdict.checkAndWrite(store, Verdict.withNodeFailures(Workloads.byName((String) workload).checker(),
                        nodeFailures), h.history(), checkBudgetS,
                runMs instanceof Number ? ((Number) runMs).longValue() : -1, extra);
        String why = Reports.write(store.dir());
        if (why != null) {
            notes.add(why);
        }
        int code = Verdict.exitCode(r.valid());
        return new Outcome(code, notes, r.valid().label() + ": " + r.summary() + " (" + h.history().ops().size() + " ops; "
                + store.file("results.json") + ")");
    }

    private static String phaseOf(RunStore store) {
        try {
            Object p = store.readJson("progress.json").get("phase");
            return p == null ? null : p.toString();
        } catch (IOException e) {
            return null;
        }
    }
}
