package io.faultline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.vertx.bench.FsyncFloor;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class KvRaftReportTest {
    private static Histogram hist(long... nanos) {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        for (long n : nanos) {
            h.recordValue(n);
        }
        return h;
    }

    private static OpResult r(String system, String op, int inFlight, long ops, long p50Nanos) {
        return new OpResult(system, 3, op, inFlight, ops, 1.0, hist(p50Nanos, p50Nanos, p50Nanos), 0, 0, 0);
    }

    private static KvRaftBench.Report report(String skipped, List<OpResult> results) {
        KvRaftBench.Options o = new KvRaftBench.Options(List.of(3), List.of(1, 256), 1, 0, 16, 128,
                skipped == null ? "etcd" : "none", Path.of("/tmp"), "cp", List.of(), -1, KvRaftBench.READS_INDEX);
        return new KvRaftBench.Report(o, "2026-11-21T00:00:00Z", "1.00 1.00 1.00", "2.00 2.00 2.00",
                skipped == null ? "etcd Version: 3.4.23" : null, skipped, results,
                List.of(new KvRaftBench.Floor("kvraft-3", new FsyncFloor.Result(3, 1.0, hist(250_000, 250_000, 250_000)))));
    }

    private static String text(KvRaftBench.Report r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        KvRaftReport.printText(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void targetsAreJudgedFromTheSameRunsFigures() {
        KvRaftBench.Report rep = report(null, List.of(
                r("faultline", "put", 1, 800, 1_000_000), r("faultline", "put", 256, 14_000, 9_000_000),
                r("etcd", "put", 1, 600, 1_200_000), r("etcd", "put", 256, 5_000, 40_000_000)));
        List<KvRaftReport.Comparison> cs = KvRaftReport.comparisons(rep);
        assertEquals(2, cs.size());
        KvRaftReport.Comparison low = cs.get(0);
        assertEquals(1, low.inFlight());
        assertTrue(low.met(), "p50 1.0 ms < 1.2 ms");
        KvRaftReport.Comparison high = cs.get(1);
        assertEquals(14_000 / 5_000.0, high.throughputRatio(), 1e-9);
        assertFalse(high.met(), "2.8x is below 3x");
        String t = text(rep);
        assertTrue(t.contains("p50 below etcd's: MET"), t);
        assertTrue(t.contains("ops/s >= 3x etcd: NOT MET"), t);
        assertTrue(t.contains("load average 1.00 1.00 1.00 at start"), t);
        assertTrue(t.contains("fsync floor before kvraft-3 (200-byte append + fdatasync): mean 250 us"), t);
        JsonObject j = KvRaftReport.toJson(rep);
        assertEquals(4, j.getJsonArray("results").size());
        assertEquals(false, j.getJsonArray("comparisons").getJsonObject(1).getBoolean("met"));
        assertEquals(1.0, j.getJsonArray("results").getJsonObject(0).getDouble("p50Ms"), 0.01);
    }

    @Test
    void targetsApplyOnlyToTheGroupAsLargeAsEtcd() {
        OpResult five = new OpResult("faultline", 5, "put", 256, 20_000, 1.0, hist(1_000_000), 0, 0, 0);
        KvRaftReport.Comparison c = new KvRaftReport.Comparison("put", 256, 5, five, r("etcd", "put", 256, 5_000, 1_000_000));
        assertEquals(4.0, c.throughputRatio(), 1e-9);
        assertNull(c.target());
        assertFalse(c.met());
    }

    @Test
    void aSkippedPeerIsSaidWithItsReason() {
        KvRaftBench.Report rep = report("etcd not found on PATH", List.of(r("faultline", "put", 1, 800, 1_000_000)));
        assertTrue(KvRaftReport.comparisons(rep).isEmpty());
        String t = text(rep);
        assertTrue(t.contains("peer: SKIPPED: etcd not found on PATH"), t);
        assertTrue(t.contains("no comparison with etcd (peer skipped)"), t);
        JsonObject j = KvRaftReport.toJson(rep);
        assertEquals("etcd not found on PATH", j.getJsonObject("peer").getString("skipped"));
        assertNull(j.getJsonObject("peer").getInteger("members"));
    }

    @Test
    void driverLinesRoundTripTheirHistogram() {
        Histogram h = hist(1_000_000, 2_000_000, 3_000_000);
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        String b64 = Base64.getEncoder().encodeToString(Arrays.copyOf(buf.array(), len));
        OpResult r = EtcdDriver.parseResult("RESULT op=get inFlight=32 ops=3 errors=1 emptyGets=2 nanos=2000000000 hist="
                + b64, 3);
        assertEquals("etcd", r.system());
        assertEquals("get", r.op());
        assertEquals(32, r.inFlight());
        assertEquals(1.5, r.opsPerSecond(), 1e-9);
        assertEquals(3, r.errors());
        assertEquals(2.0, r.percentileMs(50), 0.01);
    }

    @Test
    void malformedDriverLinesAreErrorsQuotingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EtcdDriver.parseResult("RESULT op=put inFlight=x ops=1 errors=0 nanos=1 hist=AAAA", 3));
        assertTrue(e.getMessage().contains("inFlight=x"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EtcdDriver.parseResult("RESULT op=put inFlight=1 ops=1 errors=0 nanos=1", 3));
        assertTrue(e.getMessage().contains("without hist"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EtcdDriver.parseResult("RESULT op=put inFlight=1 ops=1 errors=0 nanos=1 hist=AAAAAAAA", 3));
    }
}
