package io.faultline.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.core.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@link FaultLog} writing {@code faults.jsonl} (docs/store.md): one JSON object per fault change
 * with {@code timeNs} (from the runner's clock), {@code wallTime} (ISO-8601 UTC, milliseconds),
 * {@code action}, {@code fault}, {@code targets}, {@code detail} and {@code mechanism}, flushed line
 * by line so a killed harness leaves every recorded change on disk. {@link #active()} lists the
 * faults in force, for the progress line. Thread-safe.
 */
public final class FaultsJsonl implements FaultLog, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final Writer out;
    private final LongSupplier timeNs;
    private final InstantSource wall;
    private final Map<String, String> active = new LinkedHashMap<>();
    private long lines;

    /** Appends to {@code file} (created if absent); times from {@code timeNs}, wall time from the system clock. */
    public FaultsJsonl(Path file, LongSupplier timeNs) throws IOException {
        this(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                timeNs, InstantSource.system());
    }

    public FaultsJsonl(Writer out, LongSupplier timeNs, InstantSource wall) {
        this.out = Check.notNull(out, "out");
        this.timeNs = Check.notNull(timeNs, "timeNs");
        this.wall = Check.notNull(wall, "wall");
    }

    @Override
    public void record(String action, String fault, List<String> targets, Map<String, Object> detail) {
        record(action, fault, targets, detail, null);
    }

    @Override
    public synchronized void record(String action, String fault, List<String> targets, Map<String, Object> detail,
                                    String mechanism) {
        Check.that(action.equals("start") || action.equals("stop"), "action must be start or stop, was %s", action);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timeNs", timeNs.getAsLong());
        line.put("wallTime", WALL.format(wall.instant()));
        line.put("action", action);
        line.put("fault", Check.notNull(fault, "fault"));
        line.put("targets", List.copyOf(targets));
        line.put("detail", detail == null ? Map.of() : detail);
        line.put("mechanism", mechanism);
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fault detail is not JSON-ready: " + detail, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write faults.jsonl", e);
        }
        lines++;
        track(action, fault, targets, detail);
    }

    /** The faults in force, oldest first, e.g. {@code ["partition majorities-ring", "kill n2"]}. */
    public synchronized List<String> active() {
        return new ArrayList<>(active.values());
    }

    /** Lines written so far. */
    public synchronized long lines() {
        return lines;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // nothing left to save: every line was flushed when written
        }
    }

    private void track(String action, String fault, List<String> targets, Map<String, Object> detail) {
        if (fault.equals("partition")) {
            active.remove("partition");
            if (action.equals("start")) {
                Object kind = detail == null ? null : detail.get("kind");
                active.put("partition", kind == null ? "partition" : "partition " + kind);
            }
            return;
        }
        if (action.equals("start")) {
            for (String t : targets) {
                active.remove(fault + " " + t);
                active.put(fault + " " + t, fault + " " + t);
            }
        } else if (targets.isEmpty()) {
            for (Iterator<String> it = active.keySet().iterator(); it.hasNext(); ) {
                if (it.next().startsWith(fault + " ")) {
                    it.remove();
                }
            }
        } else {
            for (String t : targets) {
                active.remove(fault + " " + t);
            }
        }
    }
}
