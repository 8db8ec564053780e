package io.faultline.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-run history summaries, computed by streaming history.jsonl once and cached under the file's
 * size and modification time. When a live run's history grows, only the new lines are read. The
 * plot data of at most {@link #HOLDERS_MAX} runs is kept; small per-run stats (for trends) for all.
 */
public final class Summaries {
    public static final int HOLDERS_MAX = 24;
    public static final int TIMELINE_OPS_MAX = 20_000;

    private final Map<Path, Holder> holders = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Holder> eldest) {
            return size() > HOLDERS_MAX;
        }
    };
    private final Map<Path, Stats> stats = new ConcurrentHashMap<>();

    /** Small per-run figures for trends. */
    public record Stats(String stamp, long completed, long ok, long lastTimeNs, double p99OkMs) {}

    private static final class Holder {
        HistoryAggregator agg = new HistoryAggregator();
        long offset;
        long nextLineNo = 1;
        String stamp = "";
        String error;
        Map<String, Object> map;
    }

    private Holder holder(Path runDir) {
        synchronized (holders) {
            return holders.computeIfAbsent(runDir, d -> new Holder());
        }
    }

    static String stamp(Path f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return a.size() + ":" + a.lastModifiedTime().toMillis();
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    /** The summary of a run's history (see {@link HistoryAggregator#toMap()}), brought up to date. */
    public Map<String, Object> summary(Path runDir) {
        Holder h = holder(runDir);
        synchronized (h) {
            update(runDir, h);
            if (h.map == null) {
                Map<String, Object> m = h.agg.toMap();
                m.put("bytesRead", h.offset);
                if (h.error != null) {
                    m.put("error", h.error);
                }
                h.map = m;
            }
            return h.map;
        }
    }

    /** Stats for trends, cached for every run. */
    public Stats stats(Path runDir) {
        String st = stamp(runDir.resolve("history.jsonl"));
        Stats s = stats.get(runDir);
        if (s != null && s.stamp.equals(st)) {
            return s;
        }
        summary(runDir);
        return stats.get(runDir);
    }

    private void update(Path runDir, Holder h) {
        Path file = runDir.resolve("history.jsonl");
        String st = stamp(file);
        if (st.equals(h.stamp)) {
            return;
        }
        try {
            if (st.equals("absent")) {
                reset(h);
            } else {
                long to = HistoryReader.completeLength(file);
                if (to < h.offset) {
                    reset(h); // the file was replaced by a shorter one
                }
                if (to > h.offset && h.error == null) {
                    if (h.offset == 0 && to >= parallelBytesMin) {
                        long[] next = new long[1];
                        h.agg = scanParallel(file, to, next);
                        h.nextLineNo = next[0];
                    } else {
                        h.nextLineNo = scan(file, h.agg, h.offset, to, h.nextLineNo);
                    }
                    h.offset = to;
                }
            }
        } catch (StoreFormatException e) {
            h.error = e.getMessage();
        } catch (IOException e) {
            h.error = file + ": " + e.getMessage();
        }
        h.stamp = st;
        h.map = null;
        HistoryAggregator a = h.agg;
        stats.put(runDir, new Stats(st, a.completed(), a.count(0), a.lastTimeNs, a.p99OkMs()));
    }

    /** Files at least this long are scanned in {@link #CHUNKS} chunks in parallel (16 MiB). */
    static volatile long parallelBytesMin = 16L << 20; // tests lower it
    /** A fixed number of chunks, so the summary does not depend on the machine's cores. */
    static final int CHUNKS = 4;
    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Math.min(CHUNKS, Runtime.getRuntime().availableProcessors())), r -> {
                Thread t = new Thread(r, "faultline-summary");
                t.setDaemon(true);
                return t;
            });

    static long scan(Path file, HistoryAggregator agg, long from, long to, long firstLineNo) throws IOException {
        return FastHistoryScanner.scan(file, from, to, firstLineNo, l -> {
            try {
                agg.accept(l.offset, l.lineNo, l.timeNs, l.type, l.process, l.nemesis, l.f, l.value);
            } catch (IllegalArgumentException e) {
                throw new StoreFormatException(file + " line " + l.lineNo + ": " + e.getMessage());
            }
            return true;
        });
    }

    /** Scans [0, to) in chunks split at line starts, then merges them in file order. */
    static HistoryAggregator scanParallel(Path file, long to, long[] nextLineNo) throws IOException {
        long[] starts = new long[CHUNKS + 1];
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
            for (int i = 1; i < CHUNKS; i++) {
                long p = Math.max(starts[i - 1], to * i / CHUNKS);
                raf.seek(p);
                int c;
                while (p < to && (c = raf.read()) != '\n' && c >= 0) {
                    p++;
                }
                starts[i] = Math.min(to, p + 1);
            }
        }
        starts[CHUNKS] = to;
        List<java.util.concurrent.Future<Object[]>> parts = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            long a = starts[i];
            long b = starts[i + 1];
            HistoryAggregator agg = i == 0 ? new HistoryAggregator() : HistoryAggregator.chunk();
            parts.add(POOL.submit(() -> new Object[] {agg, a < b ? scan(file, agg, a, b, 1) : 1L}));
        }
        HistoryAggregator all = null;
        long lineBase = 0;
        try {
            for (java.util.concurrent.Future<Object[]> f : parts) {
                Object[] r = f.get();
                HistoryAggregator agg = (HistoryAggregator) r[0];
                if (all == null) {
                    all = agg;
                } else {
                    all.merge(agg, lineBase);
                }
                lineBase += (Long) r[1] - 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof StoreFormatException) {
                // a chunk's line numbers are relative: rescan in order for the exact place
                HistoryAggregator seq = new HistoryAggregator();
                scan(file, seq, 0, to, 1);
                throw (StoreFormatException) e.getCause();
            }
            throw new IOException(file + ": " + e.getCause(), e.getCause());
        }
        nextLineNo[0] = lineBase + 1;
        return all;
    }

    private static void reset(Holder h) {
        h.agg = new HistoryAggregator();
        h.offset = 0;
        h.nextLineNo = 1;
        h.error = null;
    }

    /**
     * The client ops overlapping [fromNs, toNs] (at most {@code limit}), each as
     * {p, f, s, e, type, v, r, node, error, pos}, plus nemesis ops in the window.
     */
    public Map<String, Object> timeline(Path runDir, long fromNs, long toNs, int limit) throws IOException {
        int cap = Math.max(1, Math.min(TIMELINE_OPS_MAX, limit));
        Holder h = holder(runDir);
        long start;
        long startLine;
        long maxLat;
        long end;
        synchronized (h) {
            update(runDir, h);
            maxLat = h.agg.maxLatencyNs;
            long[] at = h.agg.lineForWindow(fromNs);
            start = at[0];
            startLine = at[1];
            end = h.offset;
        }
        Path file = runDir.resolve("history.jsonl");
        List<Map<String, Object>> ops = new ArrayList<>();
        List<Map<String, Object>> nemesis = new ArrayList<>();
        Map<String, Map<String, Object>> open = new HashMap<>();
        boolean[] truncated = {false};
        long horizon = toNs + maxLat;
        if (end > start) {
            HistoryReader.read(file, start, end, startLine, true, l -> {
                if (l.timeNs > horizon || (l.timeNs > toNs && open.isEmpty())) {
                    return false; // past the window, and nothing invoked in it is still open
                }
                long pos = l.lineNo - 1;
                if (l.nemesis) {
                    if (l.timeNs >= fromNs && l.timeNs <= toNs && nemesis.size() < cap) {
                        Map<String, Object> n = new LinkedHashMap<>();
                        n.put("t", l.timeNs);
                        n.put("type", l.type);
                        n.put("f", l.f);
                        n.put("v", l.value);
                        nemesis.add(n);
                    }
                    return true;
                }
                if ("invoke".equals(l.type)) {
                    if (l.timeNs <= toNs) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("p", l.process);
                        o.put("f", l.f);
                        o.put("s", l.timeNs);
                        o.put("e", null);
                        o.put("type", "pending");
                        o.put("v", l.value);
                        o.put("node", l.node);
                        o.put("pos", pos);
                        open.put(l.process, o);
                    }
                    return true;
                }
                Map<String, Object> o = open.remove(l.process);
                if (o == null) {
                    return true;
                }
                if (l.timeNs >= fromNs) {
                    o.put("e", l.timeNs);
                    o.put("type", l.type);
                    o.put("r", l.value);
                    if (l.error != null) {
                        o.put("error", l.error);
                    }
                    if (ops.size() >= cap) {
                        truncated[0] = true;
                        return false;
                    }
                    ops.add(o);
                }
                return true;
            });
        }
        for (Map<String, Object> o : open.values()) {
            if (ops.size() >= cap) {
                truncated[0] = true;
                break;
            }
            ops.add(o);
        }
        ops.sort((a, b) -> Long.compare((Long) a.get("s"), (Long) b.get("s")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fromNs", fromNs);
        m.put("toNs", toNs);
        m.put("truncated", truncated[0]);
        m.put("ops", ops);
        m.put("nemesis", nemesis);
        return m;
    }

    /** The op line at a 0-based position of history.jsonl (as the checker's invokePos counts), or null. */
    public Map<String, Object> opAt(Path runDir, long position) throws IOException {
        Holder h = holder(runDir);
        long[] at;
        long end;
        synchronized (h) {
            update(runDir, h);
            at = h.agg.lineAtOrBefore(position);
            end = h.offset;
        }
        Map<String, Object>[] found = new Map[1];
        if (position >= 0 && end > at[0]) {
            HistoryReader.read(runDir.resolve("history.jsonl"), at[0], end, at[1], true, l -> {
                if (l.lineNo - 1 == position) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("pos", position);
                    o.put("timeNs", l.timeNs);
                    o.put("type", l.type);
                    o.put("process", l.process);
                    o.put("f", l.f);
                    o.put("value", l.value);
                    found[0] = o;
                    return false;
                }
                return l.lineNo - 1 < position;
            });
        }
        return found[0];
    }
}
