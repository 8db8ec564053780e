package io.faultline.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.dashboards.bench.StoreGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummariesTest {
    @TempDir
    Path store;

    /** Brute force over the file: every latency per f of ok ops, and completion counts. */
    private static Map<String, List<Long>> okLatencies(Path history) throws Exception {
        Map<String, List<Long>> out = new HashMap<>();
        Map<String, long[]> pending = new HashMap<>();
        for (String line : Files.readAllLines(history)) {
            var n = Json.MAPPER.readTree(line);
            if (!n.get("process").isInt()) {
                continue;
            }
            String p = n.get("process").asText();
            if (n.get("type").asText().equals("invoke")) {
                pending.put(p, new long[] {n.get("time").asLong()});
            } else {
                long lat = n.get("time").asLong() - pending.remove(p)[0];
                if (n.get("type").asText().equals("ok")) {
                    out.computeIfAbsent(n.get("f").asText(), k -> new ArrayList<>()).add(lat);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    @Test
    void countsAndQuantilesMatchABruteForceReading() throws Exception {
        Path dir = StoreGenerator.write(store, new StoreGenerator.Spec("t", "kvraft", "faultline", "faultline",
                List.of("partition"), 5, Fixtures.T0, 8_000, 7, "valid", 3));
        Map<String, Object> s = new Summaries().summary(dir);
        Map<String, Object> counts = (Map<String, Object>) s.get("counts");
        assertEquals(8_000L, (Long) counts.get("ok") + (Long) counts.get("fail") + (Long) counts.get("info"));
        assertEquals(0, counts.get("pending"));
        assertNull(s.get("error"));
        Map<String, List<Long>> truth = okLatencies(dir.resolve("history.jsonl"));
        Map<String, Object> byF = (Map<String, Object>) s.get("byF");
        for (var e : truth.entrySet()) {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            Map<String, Object> q = (Map<String, Object>) ((Map<String, Object>) byF.get(e.getKey())).get("latencyOkMs");
            assertEquals((long) v.length, q.get("count"));
            for (double[] pq : new double[][] {{0.5, 0}, {0.99, 1}}) {
                double exact = v[(int) Math.ceil(pq[0] * v.length) - 1] / 1e6;
                double got = (Double) q.get(pq[1] == 0 ? "p50" : "p99");
                // log-linear bins with 4 sub-bits: within 1/16 above the exact value
                assertTrue(got >= exact - 0.001 && got <= exact * (1 + 1.0 / 16) + 0.001, e.getKey() + " q" + pq[0] + ": " + got + " vs " + exact);
            }
            assertEquals(v[v.length - 1] / 1e6, (Double) q.get("max"), 0.001);
        }
        Map<String, Object> tp = (Map<String, Object>) s.get("throughput");
        List<Double> ok = (List<Double>) tp.get("ok");
        double bucketS = (Double) tp.get("bucketMs") / 1000;
        double sum = ok.stream().mapToDouble(x -> x * bucketS).sum();
        assertEquals((Long) counts.get("ok"), sum, 1.0);
        assertTrue(ok.size() <= HistoryAggregator.FINE_BUCKETS_MAX);
    }

    @SuppressWarnings("unchecked")
    @Test
    void appendingToALiveHistoryReadsOnlyTheNewLinesAndEqualsAFullScan() throws Exception {
        Path dir = StoreGenerator.write(store, new StoreGenerator.Spec("t", "kvraft", "faultline", "faultline",
                List.of(), 9, Fixtures.T0, 5_000, 4, "valid", 3));
        Path h = dir.resolve("history.jsonl");
        byte[] all = Files.readAllBytes(h);
        int cut = all.length / 2 + 17; // mid-line: the half-written last line must not be read
        Files.write(h, Arrays.copyOf(all, cut));
        Summaries inc = new Summaries();
        Map<String, Object> first = inc.summary(dir);
        assertNull(first.get("error"), String.valueOf(first.get("error")));
        assertTrue((Long) first.get("bytesRead") < cut);
        Files.write(h, Arrays.copyOfRange(all, cut, all.length), StandardOpenOption.APPEND);
        Map<String, Object> after = inc.summary(dir);
        Map<String, Object> full = new Summaries().summary(dir);
        assertEquals(Json.write(full), Json.write(after));
    }

    @Test
    void aMalformedLineIsReportedWithFileAndLine() throws Exception {
        Path dir = Fixtures.newRun(store, "bad", Fixtures.T0, "kvsrv", "faultline", List.of(), 1);
        Files.write(dir.resolve("history.jsonl"), List.of(Fixtures.op(0, 1, "invoke", 0, "get", "{}", 1),
                "{\"index\":1,\"time\":2,\"type\":\"ok\",\"process\":0,\"f\":\"get\",\"value\":{]}",
                Fixtures.op(2, 3, "invoke", 0, "get", "{}", 1)), StandardCharsets.UTF_8);
        Object err = new Summaries().summary(dir).get("error");
        assertNotNull(err);
        assertTrue(err.toString().contains("history.jsonl line 2"), err.toString());
    }

    @SuppressWarnings("unchecked")
    @Test
    void timelineWindowsAndOpLookupFollowTheFile() throws Exception {
        Path dir = StoreGenerator.write(store, new StoreGenerator.Spec("t", "kvraft", "faultline", "faultline",
                List.of("kill"), 3, Fixtures.T0, 8_000, 5, "valid", 3));
        Summaries s = new Summaries();
        s.summary(dir);
        List<String> lines = Files.readAllLines(dir.resolve("history.jsonl"));
        long from = 1_000_000_000L;
        long to = 1_050_000_000L;
        Map<String, Object> t = s.timeline(dir, from, to, 20_000);
        assertFalse((Boolean) t.get("truncated"));
        // brute force: client ops whose [invoke, completion] overlaps the window
        Map<String, long[]> open = new HashMap<>();
        int expected = 0;
        for (String line : lines) {
            var n = Json.MAPPER.readTree(line);
            if (!n.get("process").isInt()) {
                continue;
            }
            String p = n.get("process").asText();
            long time = n.get("time").asLong();
            if (n.get("type").asText().equals("invoke")) {
                open.put(p, new long[] {time});
            } else if (open.remove(p)[0] <= to && time >= from) {
                expected++;
            }
        }
        assertEquals(expected, ((List<?>) t.get("ops")).size());
        Map<String, Object> op = s.opAt(dir, 4_321);
        assertEquals(Json.MAPPER.readTree(lines.get(4_321)).get("time").asLong(), op.get("timeNs"));
    }

    /** The byte scanner and Jackson agree on every line, including the ones the scanner hands to Jackson. */
    @Test
    void theFastScannerAgreesWithJackson() throws Exception {
        Path dir = Fixtures.newRun(store, "odd", Fixtures.T0, "kvsrv", "faultline", List.of(), 1);
        List<String> lines = new ArrayList<>();
        lines.add("{\"index\":0,\"time\":10,\"type\":\"invoke\",\"process\":0,\"f\":\"put\",\"value\":{\"key\":\"a}b\\\"c\",\"v\":[1,{\"x\":\"]\"}]}}");
        lines.add("");
        lines.add("  { \"time\" : 30 , \"process\" : 0, \"type\":\"ok\", \"f\":\"put\", \"index\":1, \"value\": null }  ");
        lines.add("{\"index\":2,\"time\":40.0,\"type\":\"invoke\",\"process\":1,\"f\":\"g\\u0065t\",\"value\":\"x\"}");
        lines.add("{\"index\":3,\"time\":90,\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"start\",\"value\":{\"targets\":[\"n1\"]}}");
        lines.add("{\"index\":4,\"time\":95,\"type\":\"fail\",\"process\":1,\"f\":\"get\",\"value\":\"x\",\"error\":{\"why\":\"timeout\"},\"extra\":true}");
        Files.write(dir.resolve("history.jsonl"), lines, StandardCharsets.UTF_8);
        Path h = dir.resolve("history.jsonl");
        long to = HistoryReader.completeLength(h);
        List<String> fast = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        FastHistoryScanner.scan(h, 0, to, 1, l -> fast.add(describe(l)));
        HistoryReader.read(h, 0, to, 1, false, l -> slow.add(describe(l)));
        assertEquals(slow, fast);
        assertEquals(5, fast.size());
        assertTrue(fast.get(2).contains("get"), fast.get(2));
    }

    private static String describe(HistoryReader.Line l) {
        return l.offset + "|" + l.lineNo + "|" + l.index + "|" + l.timeNs + "|" + l.type + "|" + l.process + "|" + l.nemesis + "|" + l.f
                + "|" + (l.nemesis ? l.value.replace(" ", "") : "");
    }

    /** Chunks scanned in parallel and merged give the sequential figures (latency points may be other samples). */
    @SuppressWarnings("unchecked")
    @Test
    void theParallelScanEqualsTheSequentialOne() throws Exception {
        Path dir = StoreGenerator.write(store, new StoreGenerator.Spec("t", "kvraft", "faultline", "faultline",
                List.of("partition", "kill"), 21, Fixtures.T0, 12_000, 6, "valid", 3));
        Path h = dir.resolve("history.jsonl");
        long to = HistoryReader.completeLength(h);
        HistoryAggregator seq = new HistoryAggregator();
        long seqNext = Summaries.scan(h, seq, 0, to, 1);
        long[] parNext = new long[1];
        HistoryAggregator par = Summaries.scanParallel(h, to, parNext);
        assertEquals(seqNext, parNext[0]);
        Map<String, Object> a = seq.toMap();
        Map<String, Object> b = par.toMap();
        assertEquals(0L, ((Map<String, Object>) b.get("counts")).get("unpaired"));
        for (String k : List.of("counts", "lastTimeNs", "maxLatencyNs", "processes", "p99OkMs", "byF", "throughput",
                "latencyQuantiles", "nemesisEvents")) {
            assertEquals(Json.write(a.get(k)), Json.write(b.get(k)), k);
        }
        for (long pos : new long[] {0, 1, 2047, 2048, 9999, 23_999}) {
            long[] at = par.lineAtOrBefore(pos);
            assertTrue(at[1] <= pos + 1, "sparse line " + at[1] + " for pos " + pos);
        }
        // timeline windows through the merged sparse index equal those of a sequential scan
        Summaries sequential = new Summaries();
        Summaries parallel = new Summaries();
        sequential.summary(dir);
        long before = Summaries.parallelBytesMin;
        try {
            Summaries.parallelBytesMin = 0;
            parallel.summary(dir);
        } finally {
            Summaries.parallelBytesMin = before;
        }
        long endNs = seq.lastTimeNs;
        for (long[] w : new long[][] {{0, endNs / 50}, {endNs / 3, endNs / 3 + endNs / 40}, {endNs * 3 / 4, endNs}}) {
            assertEquals(Json.write(sequential.timeline(dir, w[0], w[1], 20_000)), Json.write(parallel.timeline(dir, w[0], w[1], 20_000)),
                    "window " + Arrays.toString(w));
            assertEquals(Json.write(sequential.opAt(dir, 13_000)), Json.write(parallel.opAt(dir, 13_000)));
        }
        // op lookups through the merged sparse index find the right lines
        Summaries s = new Summaries();
        List<String> lines = Files.readAllLines(h);
        for (long pos : new long[] {0, 7_000, 23_999}) {
            Map<String, Object> o = s.opAt(dir, pos);
            assertEquals(Json.MAPPER.readTree(lines.get((int) pos)).get("time").asLong(), o.get("timeNs"), "pos " + pos);
        }
    }
}
