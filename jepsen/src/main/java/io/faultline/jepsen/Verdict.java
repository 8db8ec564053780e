package io.faultline.jepsen;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Counterexample;
import io.faultline.checker.HtmlRenderer;
import io.faultline.checker.Validity;
import io.faultline.histories.EdnWriter;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The end of a run, shared by {@code faultline test} and {@code faultline analyze}: check the
 * history, then write {@code history.edn}, {@code linear.html} (only with a linearizability
 * counterexample) and {@code results.json} (the checker's tree plus op counts and timing).
 */
final class Verdict {
    private Verdict() {}

    /**
     * The workload's checker, plus a {@code node-crashes} check when nodes stopped on their own
     * during the run (a fatal error or a failed safety check inside a node is a bug the system
     * found in itself: the run is invalid whatever the history says). Unchanged when there were none.
     */
    static Checker withNodeFailures(Checker checker, java.util.List<String> failures) {
        if (failures.isEmpty()) {
            return checker;
        }
        return new Checker() {
            @Override
            public String name() {
                return checker.name();
            }

            @Override
            public CheckResult check(History history, Budget budget) {
                CheckResult history1 = checker.check(history, budget);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("failures", failures);
                CheckResult nodes = CheckResult.of("node-crashes", Validity.FALSE, failures.size() + " node(s) stopped on their own;"
                        + " first: " + firstLine(failures.get(0)), details);
                return CheckResult.compose(checker.name(), java.util.List.of(history1, nodes));
            }
        };
    }

    /** The first line of a multi-line message, at most 300 characters. */
    static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }

    /** Exit code for a verdict: 0 valid, 1 invalid, 2 unknown. */
    static int exitCode(Validity v) {
        return v == Validity.TRUE ? 0 : v == Validity.FALSE ? 1 : 2;
    }

    static CheckResult checkAndWrite(RunStore store, Checker checker, History history, double budgetS, long runMs,
                                     Map<String, Object> extra) throws IOException {
        try (Writer w = Files.newBufferedWriter(store.file("history.edn"), StandardCharsets.UTF_8)) {
            EdnWriter edn = new EdnWriter(w);
            for (Op op : history.ops()) {
                edn.write(op);
            }
            edn.flush();
        }
        long t0 = System.nanoTime();
        CheckResult result;
        try {
            result = checker.check(history, Budget.ofSeconds(budgetS));
        } catch (IllegalArgumentException e) {
            result = CheckResult.of(checker.name(), Validity.UNKNOWN, "the checker refused the history: " + e.getMessage(), null);
        }
        long checkMs = (System.nanoTime() - t0) / 1_000_000;
        Counterexample cx = firstCounterexample(result);
        if (cx != null) {
            Files.writeString(store.file("linear.html"), HtmlRenderer.render(cx, store.dir().getFileName() + ": not linearizable"),
                    StandardCharsets.UTF_8);
        }
        Map<String, Object> out = new LinkedHashMap<>(result.toMap());
        long[] c = new long[4];
        for (Op op : history.ops()) {
            if (op.isClient()) {
                c[0]++;
                c[1] += op.type() == OpType.OK ? 1 : 0;
                c[2] += op.type() == OpType.FAIL ? 1 : 0;
                c[3] += op.type() == OpType.INFO ? 1 : 0;
            }
        }
        out.put("ops", Map.of("total", c[0], "ok", c[1], "fail", c[2], "info", c[3]));
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("runMs", runMs);
        timing.put("checkMs", checkMs);
        out.put("timing", timing);
        out.putAll(extra);
        store.writeJson("results.json", out);
        return result;
    }

    static Counterexample firstCounterexample(CheckResult r) {
        if (r.counterexample() != null) {
            return r.counterexample();
        }
        for (CheckResult c : r.children()) {
            Counterexample cx = firstCounterexample(c);
            if (cx != null) {
                return cx;
            }
        }
        return null;
    }
}
