package io.faultline.dashboards;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes a history's ops once, in file order, into bounded plot data: throughput per time
 * bucket, sampled latency points per (f, outcome), latency quantiles per f over time and overall.
 * Buckets start narrow and double (merging neighbours) when the run outgrows them, so memory does
 * not depend on the history's length. Appending more ops later (a live run) just continues.
 */
final class HistoryAggregator {
    static final int FINE_BUCKETS_MAX = 1000;
    static final int COARSE_BUCKETS_MAX = 200;
    static final int POINTS_PER_BUCKET_MAX = 4;
    static final int FS_MAX = 16;
    static final int PROCESSES_MAX = 5000;
    static final int SPARSE_EVERY_LINES = 2048;
    static final int NEMESIS_EVENTS_MAX = 2000;
    static final String[] TYPES = {"ok", "fail", "info"};

    private long fineWidthNs = 10_000_000L;
    private long[][] completions = new long[3][FINE_BUCKETS_MAX];
    private int fineUsed;
    /** per series (f * 3 + type): per fine bucket up to POINTS_PER_BUCKET_MAX (timeNs, latencyNs) pairs. */
    private final List<long[]> pointT = new ArrayList<>();
    private final List<long[]> pointL = new ArrayList<>();
    private final List<byte[]> pointN = new ArrayList<>();

    private long coarseWidthNs = 100_000_000L;
    private final List<LatencyHistogram[]> coarse = new ArrayList<>(); // per f, per coarse bucket
    private int coarseUsed;

    private final Map<String, Integer> fIndex = new LinkedHashMap<>();
    private final List<long[]> countsByF = new ArrayList<>(); // per f: ok, fail, info
    private final List<LatencyHistogram> overallOk = new ArrayList<>();
    private final List<LatencyHistogram> overallAll = new ArrayList<>();

    private final Map<String, long[]> pending = new HashMap<>(); // process -> {invokeTimeNs, fIndex}
    private final java.util.ArrayDeque<long[]> free = new java.util.ArrayDeque<>();
    private final Map<String, Integer> processes = new LinkedHashMap<>();
    private final List<Map<String, Object>> nemesisEvents = new ArrayList<>();

    long lines;
    long invokes;
    long unpaired;
    long nemesisOps;
    long lastTimeNs;
    long firstClientTimeNs = -1;
    long maxLatencyNs;
    /** A completion whose invocation was not in this chunk. */
    private record Orphan(String process, long timeNs, int type) {}

    /** Non-null for a chunk after the first of a parallel scan. */
    private List<Orphan> orphans;
    private long[] sparseLine = new long[64];
    private long[] sparseOffset = new long[64];
    private long[] sparseTimeNs = new long[64]; // the latest time of any line before the entry
    private long[] sparseOldestNs = new long[64]; // the earliest invocation still pending at the entry
    private int sparseUsed;

    /** Called for each op line; offset is the line's byte offset in the file. */
    void accept(long offset, long lineNo, long timeNs, String type, String process, boolean nemesis, String f, String nemesisValue) {
        if (lines % SPARSE_EVERY_LINES == 0) {
            long oldest = Long.MAX_VALUE;
            for (long[] inv : pending.values()) {
                oldest = Math.min(oldest, inv[0]);
            }
            addSparse(offset, lineNo, lastTimeNs, oldest);
        }
        lines++;
        if (timeNs > lastTimeNs) {
            lastTimeNs = timeNs;
        }
        if (nemesis) {
            nemesisOps++;
            if (nemesisEvents.size() < NEMESIS_EVENTS_MAX) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("timeNs", timeNs);
                e.put("type", type);
                e.put("f", f);
                e.put("value", nemesisValue);
                nemesisEvents.add(e);
            }
            return;
        }
        if ("invoke".equals(type)) {
            invokes++;
            if (firstClientTimeNs < 0 || timeNs < firstClientTimeNs) {
                firstClientTimeNs = timeNs;
            }
            if (processes.size() < PROCESSES_MAX) {
                processes.putIfAbsent(process, processes.size());
            }
            long[] slot = free.isEmpty() ? new long[2] : free.pop();
            slot[0] = timeNs;
            slot[1] = f(f);
            pending.put(process, slot);
            return;
        }
        int fi;
        int ti = "ok".equals(type) ? 0 : "fail".equals(type) ? 1 : "info".equals(type) ? 2 : -1;
        if (ti < 0) {
            throw new IllegalArgumentException("unknown op type \"" + type + "\"");
        }
        long[] inv = pending.remove(process);
        if (inv == null) {
            if (orphans != null) {
                orphans.add(new Orphan(process, timeNs, ti)); // its invocation is in an earlier chunk
            } else {
                unpaired++;
            }
            return;
        }
        fi = (int) inv[1];
        long invokeNs = inv[0];
        if (free.size() < 1024) {
            free.push(inv);
        }
        complete(fi, ti, invokeNs, timeNs);
    }

    private void complete(int fi, int ti, long invokeNs, long timeNs) {
        long latencyNs = Math.max(0, timeNs - invokeNs);
        maxLatencyNs = Math.max(maxLatencyNs, latencyNs);
        countsByF.get(fi)[ti]++;
        overallAll.get(fi).add(latencyNs);
        if (ti == 0) {
            overallOk.get(fi).add(latencyNs);
        }
        int b = fineBucket(timeNs);
        completions[ti][b]++;
        addPoint(fi * 3 + ti, fineBucket(invokeNs), invokeNs, latencyNs);
        int cb = coarseBucket(invokeNs);
        LatencyHistogram[] hs = coarse.get(fi);
        if (hs[cb] == null) {
            hs[cb] = new LatencyHistogram(2);
        }
        hs[cb].add(latencyNs);
    }

    private int f(String f) {
        String key = f == null ? "?" : f;
        Integer i = fIndex.get(key);
        if (i == null) {
            if (fIndex.size() >= FS_MAX) {
                key = "(other)";
                i = fIndex.get(key);
            }
            if (i == null) {
                i = fIndex.size();
                fIndex.put(key, i);
                countsByF.add(new long[3]);
                overallOk.add(new LatencyHistogram(4));
                overallAll.add(new LatencyHistogram(4));
                coarse.add(new LatencyHistogram[COARSE_BUCKETS_MAX]);
                for (int t = 0; t < 3; t++) {
                    // grown on demand (a short run uses a few buckets): see ensurePoints
                    pointT.add(new long[0]);
                    pointL.add(new long[0]);
                    pointN.add(new byte[0]);
                }
            }
        }
        return i;
    }

    private void addSparse(long offset, long lineNo, long maxTimeBeforeNs, long oldestPendingNs) {
        if (sparseUsed == sparseOffset.length) {
            sparseOffset = java.util.Arrays.copyOf(sparseOffset, sparseUsed * 2);
            sparseLine = java.util.Arrays.copyOf(sparseLine, sparseUsed * 2);
            sparseTimeNs = java.util.Arrays.copyOf(sparseTimeNs, sparseUsed * 2);
            sparseOldestNs = java.util.Arrays.copyOf(sparseOldestNs, sparseUsed * 2);
        }
        sparseOffset[sparseUsed] = offset;
        sparseLine[sparseUsed] = lineNo;
        sparseTimeNs[sparseUsed] = maxTimeBeforeNs;
        sparseOldestNs[sparseUsed] = oldestPendingNs;
        sparseUsed++;
    }

    /**
     * {byte offset, line number} of a line from which every op overlapping time fromNs on is
     * read in full: all lines before it are earlier than fromNs, and so are the invocations of
     * ops still pending there.
     */
    long[] lineForWindow(long fromNs) {
        if (sparseUsed == 0) {
            return new long[] {0, 1};
        }
        int i = lastEntryBefore(fromNs);
        long bound = Math.min(fromNs, sparseOldestNs[i]);
        int j = lastEntryBefore(bound);
        return new long[] {sparseOffset[j], sparseLine[j]};
    }

    /** The last entry whose earlier lines are all before timeNs (entry 0 has no earlier lines). */
    private int lastEntryBefore(long timeNs) {
        int lo = 0;
        int hi = sparseUsed - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sparseTimeNs[mid] < timeNs) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** {byte offset, line number} of a line at or before 0-based line position pos (line pos + 1). */
    long[] lineAtOrBefore(long pos) {
        int i = 0;
        while (i + 1 < sparseUsed && sparseLine[i + 1] <= pos + 1) {
            i++;
        }
        return sparseUsed == 0 ? new long[] {0, 1} : new long[] {sparseOffset[i], sparseLine[i]};
    }

    private int fineBucket(long timeNs) {
        long t = Math.max(0, timeNs);
        while (t / fineWidthNs >= FINE_BUCKETS_MAX) {
            mergeFine();
        }
        int b = (int) (t / fineWidthNs);
        fineUsed = Math.max(fineUsed, b + 1);
        return b;
    }

    private void mergeFine() {
        for (long[] c : completions) {
            for (int i = 0; i < FINE_BUCKETS_MAX / 2; i++) {
                c[i] = c[2 * i] + c[2 * i + 1];
            }
            java.util.Arrays.fill(c, FINE_BUCKETS_MAX / 2, FINE_BUCKETS_MAX, 0);
        }
        for (int s = 0; s < pointN.size(); s++) {
            if (pointN.get(s).length > 0) {
                mergePoints(pointT.get(s), pointL.get(s), pointN.get(s));
            }
        }
        fineWidthNs *= 2;
        fineUsed = (fineUsed + 1) / 2;
    }

    /** Merges bucket pairs: keeps the slowest point of the pair and the earliest others. */
    private static void mergePoints(long[] ts, long[] ls, byte[] ns) {
        int k = POINTS_PER_BUCKET_MAX;
        long[] t = new long[2 * k];
        long[] l = new long[2 * k];
        int cap = ns.length; // even: grown in powers of two up to FINE_BUCKETS_MAX
        for (int i = 0; i < cap / 2; i++) {
            int n = 0;
            for (int src = 2 * i; src <= 2 * i + 1; src++) {
                for (int j = 0; j < ns[src]; j++) {
                    t[n] = ts[src * k + j];
                    l[n] = ls[src * k + j];
                    n++;
                }
            }
            int slowest = 0;
            for (int j = 1; j < n; j++) {
                if (l[j] > l[slowest]) {
                    slowest = j;
                }
            }
            int out = 0;
            for (int j = 0; j < n; j++) {
                if (j != slowest && out < k - 1) {
                    ts[i * k + out] = t[j];
                    ls[i * k + out] = l[j];
                    out++;
                }
            }
            if (n > 0) {
                ts[i * k + out] = t[slowest];
                ls[i * k + out] = l[slowest];
                out++;
            }
            ns[i] = (byte) out;
        }
        java.util.Arrays.fill(ns, cap / 2, cap, (byte) 0);
    }

    private void ensurePoints(int series, int bucket) {
        int cap = pointN.get(series).length;
        if (bucket < cap) {
            return;
        }
        int n = Math.max(8, cap);
        while (n <= bucket) {
            n *= 2;
        }
        n = Math.min(FINE_BUCKETS_MAX, n);
        pointN.set(series, java.util.Arrays.copyOf(pointN.get(series), n));
        pointT.set(series, java.util.Arrays.copyOf(pointT.get(series), n * POINTS_PER_BUCKET_MAX));
        pointL.set(series, java.util.Arrays.copyOf(pointL.get(series), n * POINTS_PER_BUCKET_MAX));
    }

    private void addPoint(int series, int bucket, long timeNs, long latencyNs) {
        int k = POINTS_PER_BUCKET_MAX;
        ensurePoints(series, bucket);
        byte[] ns = pointN.get(series);
        long[] ts = pointT.get(series);
        long[] ls = pointL.get(series);
        int n = ns[bucket];
        if (n < k) {
            ts[bucket * k + n] = timeNs;
            ls[bucket * k + n] = latencyNs;
            ns[bucket] = (byte) (n + 1);
            return;
        }
        // full: the last slot holds the slowest seen after the first k-1
        int last = bucket * k + k - 1;
        if (latencyNs > ls[last]) {
            ts[last] = timeNs;
            ls[last] = latencyNs;
        }
    }

    private int coarseBucket(long timeNs) {
        long t = Math.max(0, timeNs);
        while (t / coarseWidthNs >= COARSE_BUCKETS_MAX) {
            mergeCoarse();
        }
        int b = (int) (t / coarseWidthNs);
        coarseUsed = Math.max(coarseUsed, b + 1);
        return b;
    }

    private void mergeCoarse() {
        for (LatencyHistogram[] hs : coarse) {
            for (int i = 0; i < COARSE_BUCKETS_MAX / 2; i++) {
                LatencyHistogram a = hs[2 * i];
                LatencyHistogram b = hs[2 * i + 1];
                if (a == null) {
                    a = b;
                } else if (b != null) {
                    a.addAll(b);
                }
                hs[i] = a;
            }
            java.util.Arrays.fill(hs, COARSE_BUCKETS_MAX / 2, COARSE_BUCKETS_MAX, null);
        }
        coarseWidthNs *= 2;
        coarseUsed = (coarseUsed + 1) / 2;
    }

    /** An aggregator for a chunk after the first of a parallel scan (completions may precede their invocations' chunk). */
    static HistoryAggregator chunk() {
        HistoryAggregator a = new HistoryAggregator();
        a.orphans = new ArrayList<>();
        return a;
    }

    /**
     * Appends the aggregate of the chunk that follows this one in the file; its line numbers
     * started at 1 and are shifted by {@code lineBase}. Completions whose invocations were in
     * earlier chunks are paired here.
     */
    void merge(HistoryAggregator next, long lineBase) {
        // ops pending at the boundary stay pending in the next chunk's entries until they complete there
        Map<String, Long> firstOrphanNs = new HashMap<>();
        for (Orphan o : next.orphans) {
            firstOrphanNs.putIfAbsent(o.process(), o.timeNs());
        }
        long boundaryOldestNs = Long.MAX_VALUE;
        long boundaryOpenUntilNs = Long.MIN_VALUE;
        for (Map.Entry<String, long[]> e : pending.entrySet()) {
            boundaryOldestNs = Math.min(boundaryOldestNs, e.getValue()[0]);
            boundaryOpenUntilNs = Math.max(boundaryOpenUntilNs, firstOrphanNs.getOrDefault(e.getKey(), Long.MAX_VALUE));
        }
        long maxTimeBeforeNs = lastTimeNs;
        for (int i = 0; i < next.sparseUsed; i++) {
            long t = Math.max(next.sparseTimeNs[i], maxTimeBeforeNs);
            long oldest = next.sparseOldestNs[i];
            if (next.sparseTimeNs[i] <= boundaryOpenUntilNs) {
                oldest = Math.min(oldest, boundaryOldestNs);
            }
            addSparse(next.sparseOffset[i], next.sparseLine[i] + lineBase, t, oldest);
        }
        for (Orphan o : next.orphans) {
            long[] inv = pending.remove(o.process());
            if (inv == null) {
                unpaired++;
            } else {
                complete((int) inv[1], o.type(), inv[0], o.timeNs());
            }
        }
        int[] fmap = new int[next.fIndex.size()];
        for (Map.Entry<String, Integer> e : next.fIndex.entrySet()) {
            fmap[e.getValue()] = f(e.getKey());
        }
        while (fineWidthNs < next.fineWidthNs) {
            mergeFine();
        }
        while (next.fineWidthNs < fineWidthNs) {
            next.mergeFine();
        }
        while (coarseWidthNs < next.coarseWidthNs) {
            mergeCoarse();
        }
        while (next.coarseWidthNs < coarseWidthNs) {
            next.mergeCoarse();
        }
        for (int t = 0; t < 3; t++) {
            for (int b = 0; b < FINE_BUCKETS_MAX; b++) {
                completions[t][b] += next.completions[t][b];
            }
        }
        fineUsed = Math.max(fineUsed, next.fineUsed);
        coarseUsed = Math.max(coarseUsed, next.coarseUsed);
        int k = POINTS_PER_BUCKET_MAX;
        for (int nf = 0; nf < fmap.length; nf++) {
            int fi = fmap[nf];
            countsByF.get(fi)[0] += next.countsByF.get(nf)[0];
            countsByF.get(fi)[1] += next.countsByF.get(nf)[1];
            countsByF.get(fi)[2] += next.countsByF.get(nf)[2];
            overallOk.get(fi).addAll(next.overallOk.get(nf));
            overallAll.get(fi).addAll(next.overallAll.get(nf));
            LatencyHistogram[] mine = coarse.get(fi);
            LatencyHistogram[] theirs = next.coarse.get(nf);
            for (int b = 0; b < COARSE_BUCKETS_MAX; b++) {
                if (theirs[b] != null) {
                    if (mine[b] == null) {
                        mine[b] = theirs[b];
                    } else {
                        mine[b].addAll(theirs[b]);
                    }
                }
            }
            for (int t = 0; t < 3; t++) {
                int sm = fi * 3 + t;
                int sn = nf * 3 + t;
                for (int b = 0; b < next.pointN.get(sn).length; b++) {
                    int n = next.pointN.get(sn)[b];
                    for (int j = 0; j < n; j++) {
                        addPoint(sm, b, next.pointT.get(sn)[b * k + j], next.pointL.get(sn)[b * k + j]);
                    }
                }
            }
        }
        for (Map.Entry<String, long[]> e : next.pending.entrySet()) {
            long[] slot = e.getValue();
            slot[1] = fmap[(int) slot[1]]; // the next chunk's f index, in this one's numbering
            pending.put(e.getKey(), slot);
        }
        for (String p : next.processes.keySet()) {
            if (processes.size() < PROCESSES_MAX) {
                processes.putIfAbsent(p, processes.size());
            }
        }
        for (Map<String, Object> e : next.nemesisEvents) {
            if (nemesisEvents.size() < NEMESIS_EVENTS_MAX) {
                nemesisEvents.add(e);
            }
        }
        lines += next.lines;
        invokes += next.invokes;
        unpaired += next.unpaired;
        nemesisOps += next.nemesisOps;
        lastTimeNs = Math.max(lastTimeNs, next.lastTimeNs);
        if (next.firstClientTimeNs >= 0 && (firstClientTimeNs < 0 || next.firstClientTimeNs < firstClientTimeNs)) {
            firstClientTimeNs = next.firstClientTimeNs;
        }
        maxLatencyNs = Math.max(maxLatencyNs, next.maxLatencyNs);
    }

    /** Overall p99 of ok latencies across every f, in ms; -1 without ok ops. */
    double p99OkMs() {
        LatencyHistogram all = new LatencyHistogram(4);
        overallOk.forEach(all::addAll);
        long q = all.quantileNs(0.99);
        return q < 0 ? -1 : q / 1e6;
    }

    long completed() {
        long n = 0;
        for (long[] c : countsByF) {
            n += c[0] + c[1] + c[2];
        }
        return n;
    }

    long count(int type) {
        long n = 0;
        for (long[] c : countsByF) {
            n += c[type];
        }
        return n;
    }

    int pendingCount() {
        return pending.size();
    }

    List<String> processList() {
        return new ArrayList<>(processes.keySet());
    }

    /** The JSON-ready summary (plots in seconds and milliseconds). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("lines", lines);
        counts.put("invokes", invokes);
        counts.put("ok", count(0));
        counts.put("fail", count(1));
        counts.put("info", count(2));
        counts.put("pending", pending.size());
        counts.put("unpaired", unpaired);
        counts.put("nemesisOps", nemesisOps);
        m.put("counts", counts);
        m.put("firstClientTimeNs", Math.max(0, firstClientTimeNs));
        m.put("lastTimeNs", lastTimeNs);
        m.put("maxLatencyNs", maxLatencyNs);
        m.put("processes", processes.size());
        m.put("p99OkMs", p99OkMs());
        Map<String, Object> byF = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : fIndex.entrySet()) {
            long[] c = countsByF.get(e.getValue());
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("ok", c[0]);
            fm.put("fail", c[1]);
            fm.put("info", c[2]);
            fm.put("latencyOkMs", quantiles(overallOk.get(e.getValue())));
            fm.put("latencyAllMs", quantiles(overallAll.get(e.getValue())));
            byF.put(e.getKey(), fm);
        }
        m.put("byF", byF);
        m.put("throughput", throughput());
        m.put("latencyPoints", points());
        m.put("latencyQuantiles", quantilesOverTime());
        m.put("nemesisEvents", nemesisEvents);
        return m;
    }

    private static Map<String, Object> quantiles(LatencyHistogram h) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("count", h.total());
        double[] qs = {0.5, 0.9, 0.95, 0.99, 0.999};
        String[] names = {"p50", "p90", "p95", "p99", "p999"};
        for (int i = 0; i < qs.length; i++) {
            long v = h.quantileNs(qs[i]);
            q.put(names[i], v < 0 ? null : round3(v / 1e6));
        }
        q.put("max", h.total() == 0 ? null : round3(h.maxNs() / 1e6));
        return q;
    }

    private Map<String, Object> throughput() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucketMs", fineWidthNs / 1e6);
        List<Double> t = new ArrayList<>();
        double perSec = 1e9 / fineWidthNs;
        List<List<Double>> series = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int b = 0; b < fineUsed; b++) {
            t.add(round3(b * fineWidthNs / 1e9));
            for (int ti = 0; ti < 3; ti++) {
                series.get(ti).add(round3(completions[ti][b] * perSec));
            }
        }
        m.put("t", t);
        for (int ti = 0; ti < 3; ti++) {
            m.put(TYPES[ti], series.get(ti));
        }
        return m;
    }

    private List<Map<String, Object>> points() {
        List<Map<String, Object>> out = new ArrayList<>();
        int k = POINTS_PER_BUCKET_MAX;
        for (Map.Entry<String, Integer> e : fIndex.entrySet()) {
            for (int ti = 0; ti < 3; ti++) {
                int s = e.getValue() * 3 + ti;
                byte[] ns = pointN.get(s);
                List<double[]> pts = new ArrayList<>();
                for (int b = 0; b < Math.min(fineUsed, ns.length); b++) {
                    for (int j = 0; j < ns[b]; j++) {
                        pts.add(new double[] {round3(pointT.get(s)[b * k + j] / 1e9), round3(pointL.get(s)[b * k + j] / 1e6)});
                    }
                }
                if (!pts.isEmpty()) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("f", e.getKey());
                    sm.put("type", TYPES[ti]);
                    sm.put("points", pts);
                    out.add(sm);
                }
            }
        }
        return out;
    }

    private Map<String, Object> quantilesOverTime() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucketMs", coarseWidthNs / 1e6);
        Map<String, Object> byF = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : fIndex.entrySet()) {
            LatencyHistogram[] hs = coarse.get(e.getValue());
            List<Double> t = new ArrayList<>();
            List<Double> p50 = new ArrayList<>();
            List<Double> p95 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<Double> max = new ArrayList<>();
            for (int b = 0; b < coarseUsed; b++) {
                if (hs[b] == null || hs[b].total() == 0) {
                    continue;
                }
                t.add(round3((b + 0.5) * coarseWidthNs / 1e9));
                p50.add(round3(hs[b].quantileNs(0.5) / 1e6));
                p95.add(round3(hs[b].quantileNs(0.95) / 1e6));
                p99.add(round3(hs[b].quantileNs(0.99) / 1e6));
                max.add(round3(hs[b].maxNs() / 1e6));
            }
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("t", t);
            fm.put("p50", p50);
            fm.put("p95", p95);
            fm.put("p99", p99);
            fm.put("max", max);
            byF.put(e.getKey(), fm);
        }
        m.put("byF", byF);
        return m;
    }

    static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
