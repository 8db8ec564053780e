package io.faultline.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * faults.jsonl as fault periods (docs/store.md): a start opens a period per target (or one on
 * "all" without targets); a stop closes that fault's periods on its targets, or all of them when
 * it names none. A period still open at the end has {@code toNs} null (it lasts to the run's end).
 */
public final class Faults {
    public static final int EVENTS_MAX = 100_000;

    private Faults() {}

    public static Map<String, Object> read(Path runDir) throws IOException {
        Path file = runDir.resolve("faults.jsonl");
        List<Map<String, Object>> periods = new ArrayList<>();
        List<Map<String, Object>> open = new ArrayList<>();
        int events = 0;
        String error = null;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (++events > EVENTS_MAX) {
                    error = file + ": more than " + EVENTS_MAX + " fault events; the rest are not shown";
                    break;
                }
                JsonNode e;
                try {
                    e = Json.MAPPER.readTree(line);
                } catch (IOException ex) {
                    if (!r.ready()) {
                        break; // a live run's last line may be half written
                    }
                    throw new StoreFormatException(file + " line " + lineNo + ": malformed JSON");
                }
                String fault = Json.text(e, "fault");
                String action = Json.text(e, "action");
                long t = Json.longOr(e, "timeNs", -1);
                if (fault == null || action == null || t < 0) {
                    throw new StoreFormatException(file + " line " + lineNo + ": needs fault, action and timeNs");
                }
                List<String> targets = new ArrayList<>();
                JsonNode ts = e.get("targets");
                if (ts != null && ts.isArray()) {
                    ts.forEach(x -> targets.add(x.asText()));
                }
                if ("start".equals(action)) {
                    for (String target : targets.isEmpty() ? List.of("all") : targets) {
                        Map<String, Object> p = new LinkedHashMap<>();
                        p.put("fault", fault);
                        p.put("target", target);
                        p.put("fromNs", t);
                        p.put("toNs", null);
                        p.put("detail", e.get("detail") == null ? null : e.get("detail").toString());
                        p.put("mechanism", Json.text(e, "mechanism"));
                        periods.add(p);
                        open.add(p);
                    }
                } else if ("stop".equals(action)) {
                    for (Iterator<Map<String, Object>> it = open.iterator(); it.hasNext(); ) {
                        Map<String, Object> p = it.next();
                        if (p.get("fault").equals(fault) && (targets.isEmpty() || targets.contains(p.get("target")))) {
                            p.put("toNs", t);
                            it.remove();
                        }
                    }
                } else {
                    throw new StoreFormatException(file + " line " + lineNo + ": action must be start or stop, not " + action);
                }
            }
        } catch (NoSuchFileException e) {
            // no faults recorded
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("periods", periods);
        m.put("events", events);
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
