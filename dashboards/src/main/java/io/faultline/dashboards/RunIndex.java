package io.faultline.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of a store as {@link RunInfo} rows, each cached under the sizes and modification times
 * of its three small files, so a listing re-reads only what changed. Thread-safe.
 */
public final class RunIndex {
    private final Store store;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(String stamp, RunInfo info) {}

    public RunIndex(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    /** Every run, newest start first. */
    public List<RunInfo> all() {
        List<String> ids = store.runIds();
        // the first listing reads three small files per run: spread over the cores; the sort below fixes the order
        List<RunInfo> out = new ArrayList<>(ids.parallelStream()
                .map(id -> store.run(id).map(dir -> info(id, dir)).orElse(null))
                .filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toList()));
        cache.keySet().retainAll(new TreeSet<>(ids));
        out.sort(Comparator.comparing((RunInfo r) -> r.id().substring(r.id().indexOf('/') + 1)).reversed()
                .thenComparing(RunInfo::id));
        return out;
    }

    public RunInfo info(String id, Path dir) {
        long now = System.currentTimeMillis();
        String stamp;
        long progressMtime;
        try {
            progressMtime = mtime(dir.resolve("progress.json"));
            boolean hasResults = mtime(dir.resolve("results.json")) >= 0;
            // a live run's verdict depends on the clock too: stamp it by whether it is still fresh
            boolean fresh = progressMtime >= 0 && now - progressMtime <= RunInfo.LIVE_WINDOW_MS;
            stamp = stamp(dir.resolve("test.json")) + stamp(dir.resolve("results.json"))
                    + stamp(dir.resolve("progress.json")) + (hasResults ? "" : fresh ? "F" : "S");
        } catch (IOException e) {
            return RunInfo.broken(id, e.toString());
        }
        Entry e = cache.get(id);
        if (e != null && e.stamp.equals(stamp)) {
            return e.info;
        }
        RunInfo info;
        try {
            ObjectNode test = Json.readObject(dir.resolve("test.json"));
            if (test == null) {
                info = RunInfo.broken(id, "test.json is missing");
            } else {
                info = RunInfo.of(id, test, Json.readObject(dir.resolve("results.json")),
                        Json.readObject(dir.resolve("progress.json")), progressMtime < 0 ? -1 : now - progressMtime);
            }
        } catch (StoreFormatException | UncheckedIOException ex) {
            info = RunInfo.broken(id, ex.getMessage());
        }
        cache.put(id, new Entry(stamp, info));
        return info;
    }

    private static String stamp(Path f) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return a.size() + ":" + a.lastModifiedTime().toMillis() + ";";
        } catch (NoSuchFileException e) {
            return "-;";
        }
    }

    static long mtime(Path f) throws IOException {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    /** A filter, sort and page over the runs; see {@link #query}. */
    public record Query(String q, String verdict, String system, String nemesis, String from, String to,
                        String sort, boolean descending, int page, int size) {
        public static final int SIZE_MAX = 500;

        public Query {
            page = Math.max(1, page);
            size = Math.max(1, Math.min(SIZE_MAX, size));
            sort = sort == null || sort.isBlank() ? "startTime" : sort;
        }
    }

    /** Filters, sorts and pages; also returns the facets (systems, nemeses, verdicts) of all runs. */
    public Map<String, Object> query(Query q) {
        List<RunInfo> all = all();
        List<RunInfo> hits = new ArrayList<>();
        TreeSet<String> systems = new TreeSet<>();
        TreeSet<String> nemeses = new TreeSet<>();
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        for (String v : List.of("valid", "invalid", "unknown", "live", "incomplete", "error")) {
            verdicts.put(v, 0);
        }
        for (RunInfo r : all) {
            if (r.system() != null) {
                systems.add(r.system());
            }
            nemeses.addAll(r.nemeses());
            verdicts.merge(r.verdict(), 1, Integer::sum);
            if (matches(r, q)) {
                hits.add(r);
            }
        }
        hits.sort(comparator(q.sort(), q.descending()));
        int from = Math.min(hits.size(), (q.page() - 1) * q.size());
        int to = Math.min(hits.size(), from + q.size());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunInfo r : hits.subList(from, to)) {
            rows.add(r.toMap());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", hits.size());
        m.put("runsInStore", all.size());
        m.put("page", q.page());
        m.put("size", q.size());
        m.put("runs", rows);
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("systems", systems);
        facets.put("nemeses", nemeses);
        facets.put("verdicts", verdicts);
        m.put("facets", facets);
        return m;
    }

    static boolean matches(RunInfo r, Query q) {
        if (q.verdict() != null && !q.verdict().isBlank() && !q.verdict().equals(r.verdict())) {
            return false;
        }
        if (q.system() != null && !q.system().isBlank() && !q.system().equals(r.system())) {
            return false;
        }
        if (q.nemesis() != null && !q.nemesis().isBlank()) {
            boolean none = q.nemesis().equals("none");
            if (none ? !r.nemeses().isEmpty() : !r.nemeses().contains(q.nemesis())) {
                return false;
            }
        }
        String start = r.startTime() == null ? "" : r.startTime();
        if (q.from() != null && !q.from().isBlank() && start.compareTo(q.from()) < 0) {
            return false;
        }
        // "to" is a date or instant; a date includes its whole day
        if (q.to() != null && !q.to().isBlank() && start.compareTo(q.to() + (q.to().length() == 10 ? "T99" : "")) > 0) {
            return false;
        }
        if (q.q() != null && !q.q().isBlank()) {
            String hay = String.join("\u0001", Objects.toString(r.id()), Objects.toString(r.system()),
                    Objects.toString(r.variant()), Objects.toString(r.raft()), Objects.toString(r.workload()),
                    String.join(",", r.nemeses()), Objects.toString(r.seed()), Objects.toString(r.summary()))
                    .toLowerCase(Locale.ROOT);
            for (String term : q.q().toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                if (!hay.contains(term)) {
                    return false;
                }
            }
        }
        return true;
    }

    static Comparator<RunInfo> comparator(String sort, boolean descending) {
        Comparator<RunInfo> c;
        switch (sort) {
            case "name": c = Comparator.comparing(RunInfo::name, Comparator.nullsFirst(Comparator.naturalOrder())); break;
            case "system": c = Comparator.comparing(RunInfo::system, Comparator.nullsFirst(Comparator.naturalOrder())); break;
            case "raft": c = Comparator.comparing(RunInfo::raft, Comparator.nullsFirst(Comparator.naturalOrder())); break;
            case "nemeses": c = Comparator.comparing(r -> String.join(",", r.nemeses())); break;
            case "seed": c = Comparator.comparing(RunInfo::seed, Comparator.nullsFirst(Comparator.naturalOrder())); break;
            case "durationMs": c = Comparator.comparingLong(RunInfo::durationMs); break;
            case "ops": c = Comparator.comparingLong(RunInfo::ops); break;
            case "verdict": c = Comparator.comparing(RunInfo::verdict); break;
            case "startTime":
            default: c = Comparator.comparing(RunInfo::startTime, Comparator.nullsFirst(Comparator.naturalOrder()));
        }
        c = c.thenComparing(RunInfo::id);
        return descending ? c.reversed() : c;
    }
}
