package io.faultline.harness.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.histories.Histories;
import io.faultline.histories.History;
import io.faultline.histories.Keyword;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRecorderTest {
    static final long MS = 1_000_000L;

    static Op op(long index, long timeNs, OpType type, Object process, Object value) {
        return new Op(index, timeNs, type, process, "put", value, process instanceof Long ? "n1" : null, null, null);
    }

    @Test
    void everyLineIsOnDiskAsSoonAsItIsRecorded(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("history.jsonl");
        HistoryRecorder rec = HistoryRecorder.open(file, false);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", "k1");
        v.put("value", 3L);
        List<Op> written = new ArrayList<>();
        written.add(op(0, 5 * MS, OpType.INVOKE, 0L, v));
        written.add(new Op(1, 6 * MS, OpType.INFO, Keyword.of("nemesis"), "start-partition", "majority", null,
                "IllegalStateException: no route", null));
        written.add(op(2, 7 * MS, OpType.OK, 0L, v));
        for (Op o : written) {
            rec.record(o);
        }
        // Not closed: a harness killed now leaves exactly these lines, readable by the histories reader.
        History h = Histories.read(file);
        assertEquals(3, h.ops().size());
        assertEquals(v, h.ops().get(0).value());
        assertEquals("n1", h.ops().get(2).node());
        assertEquals("IllegalStateException: no route", h.ops().get(1).error());
        assertEquals(3, Files.readAllLines(file).size());
        rec.close();
        assertThrows(IllegalStateException.class, () -> rec.ops(), "no ops kept without keepOps");
    }

    @Test
    void countsCompletionsByTypeAndOverTheLastSecond() {
        HistoryRecorder rec = new HistoryRecorder(Writer.nullWriter(), "null", true);
        long i = 0;
        for (int k = 0; k < 10; k++) {
            long t = k * 200 * MS;
            rec.record(op(i++, t, OpType.INVOKE, (long) k, null));
            rec.record(op(i++, t + MS, k % 5 == 0 ? OpType.INFO : k % 3 == 0 ? OpType.FAIL : OpType.OK, (long) k, null));
        }
        HistoryRecorder.Counts c = rec.counts();
        assertEquals(new HistoryRecorder.Counts(20, 10, 5, 3, 2), c);
        // Completions at 1001, 1201, ..., 1801 ms lie in the second up to 1.801 s (10 ms buckets: 0.81..1.801).
        assertEquals(5, rec.completionsInLastSecond());
        assertEquals(0, rec.completionsInLastSecond(10_000 * MS));
        assertEquals(20, rec.history().ops().size());
    }

    @Test
    void aWriteErrorNamesTheHistory() {
        Writer failing = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        HistoryRecorder rec = new HistoryRecorder(failing, "store/run/history.jsonl", false);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> rec.record(op(0, 0, OpType.INVOKE, 0L, null)));
        assertTrue(e.getMessage().contains("store/run/history.jsonl"), e.getMessage());
    }
}
