package io.faultline.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.html: the run page as one self-contained file (styles, scripts, the chart library and
 * the data inline; no server, no network), for CI artifacts. The harness calls
 * {@link #write(Path)} at the end of each run; {@code faultline report RUN_DIR} rewrites it.
 */
public final class Report {
    public static final String FILE = "report.html";
    public static final int LOG_TAIL_LINES = 500;
    public static final int TIMELINE_OPS = 3000;
    /** Ops in the first timeline window, as run.js chooses it. */
    public static final int TIMELINE_FIRST_OPS = 800;

    private Report() {}

    /** Writes RUN_DIR/report.html (atomically: a temp file, then a rename) and returns its path. */
    public static Path write(Path runDir) throws IOException {
        Path dir = runDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("test.json"))) {
            throw new IllegalArgumentException(runDir + " is not a run directory (no test.json)");
        }
        String html = render(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        return Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The report's HTML for a run directory. */
    public static String render(Path dir) throws IOException {
        String id = dir.getParent().getFileName() + "/" + dir.getFileName();
        String base = "/api/runs/" + id;
        Summaries summaries = new Summaries();
        Map<String, Object> run = Api.run(id, dir, new RunIndex(null));
        Map<String, Object> summary = summaries.summary(dir);
        Map<String, Object> api = new LinkedHashMap<>();
        api.put(base, run);
        api.put(base + "/summary", summary);
        api.put(base + "/faults", Faults.read(dir));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("api", api);
        data.put("timeline", defaultTimeline(dir, summaries, summary, run.get("results")));
        data.put("logs", logs(dir));
        Path linear = dir.resolve("linear.html");
        if (Files.isRegularFile(linear)) {
            data.put("linearHtml", Files.readString(linear, StandardCharsets.UTF_8));
        }
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>")
                .append(esc(id)).append(" · Faultline report</title>\n<style>\n")
                .append(Resources.text("app.css")).append("\n</style></head>\n<body>\n<main id=\"run\"></main>\n")
                .append("<script>window.FL_REPORT = ").append(scriptSafe(Json.write(data))).append(";</script>\n");
        for (String js : List.of("chart.umd.min.js", "common.js", "run.js")) {
            h.append("<script>\n").append(scriptSafe(Resources.text(js))).append("\n</script>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static Map<String, Object> defaultTimeline(Path dir, Summaries s, Map<String, Object> summary, Object results)
            throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) summary.get("counts");
        long total = 0;
        for (String k : List.of("ok", "fail", "info", "pending")) {
            total += ((Number) counts.get(k)).longValue();
        }
        long endNs = Math.max(1, ((Number) summary.get("lastTimeNs")).longValue());
        long firstNs = ((Number) summary.get("firstClientTimeNs")).longValue();
        long spanNs = Math.max(1, endNs - firstNs);
        long width = total <= TIMELINE_FIRST_OPS ? spanNs : Math.max(1_000_000L, (long) (spanNs * (double) TIMELINE_FIRST_OPS / total));
        long from = firstNs;
        Long pos = failingPos(results instanceof JsonNode ? (JsonNode) results : null);
        if (pos != null) {
            Map<String, Object> op = s.opAt(dir, pos);
            if (op != null) {
                long maxLat = ((Number) summary.get("maxLatencyNs")).longValue();
                width = Math.max(2_000_000L, Math.min(width, maxLat > 0 ? maxLat * 6 : 1_000_000_000L));
                from = Math.max(0, ((Number) op.get("timeNs")).longValue() - width / 2);
            }
        }
        Map<String, Object> t = s.timeline(dir, from, from + width, TIMELINE_OPS);
        return t;
    }

    /** The first counterexample's failing op position in the results tree, depth first. */
    static Long failingPos(JsonNode n) {
        if (n == null) {
            return null;
        }
        JsonNode cx = n.get("counterexample");
        if (cx != null && cx.has("failingInvokePos")) {
            return cx.get("failingInvokePos").asLong();
        }
        JsonNode cs = n.get("children");
        if (cs != null && cs.isArray()) {
            for (JsonNode c : cs) {
                Long p = failingPos(c);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static Map<String, Object> logs(Path dir) throws IOException {
        List<Map<String, Object>> list = Logs.list(dir);
        Map<String, Object> pages = new LinkedHashMap<>();
        for (Map<String, Object> l : list) {
            Path f = dir.resolve((String) l.get("path"));
            long lines = ((Number) Logs.page(f, null, 0, 1).get("linesInFile")).longValue();
            long from = Math.max(0, lines - LOG_TAIL_LINES);
            Map<String, Object> page = Logs.page(f, null, from, LOG_TAIL_LINES);
            page.put("note", from > 0 ? "the report holds the last " + LOG_TAIL_LINES + " lines; the full log is in the run directory" : "");
            pages.put((String) l.get("path"), page);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("list", list);
        m.put("pages", pages);
        return m;
    }

    /** Text that can sit inside a script element: no "</" can close it early. */
    static String scriptSafe(String s) {
        return s.replace("</", "<\\/").replace("<!--", "<\\!--");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
