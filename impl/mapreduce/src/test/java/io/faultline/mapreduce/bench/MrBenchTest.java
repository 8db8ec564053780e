package io.faultline.mapreduce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs end to end on a tiny corpus; no timing is asserted, only that it measured and checked. */
class MrBenchTest {
    @TempDir
    Path scratch;

    @Tag("slow")
    @Test
    void measuresSequentialAndDistributedAndChecksTheOutput() throws Exception {
        MrBench.Options o = new MrBench.Options(1 << 20, 3, List.of(1, 2), 5, scratch, List.of("-Xmx256m"));
        MrBench.Report r = new MrBench(o, System.err).run();
        assertEquals(List.of("sequential", "mapreduce-1w", "mapreduce-2w"), r.rows().stream().map(MrBench.Row::name).toList());
        assertTrue(r.inputBytes() >= 1 << 20, "input " + r.inputBytes());
        for (MrBench.Row row : r.rows()) {
            assertTrue(row.wallMs() > 0 && row.mbPerSec() > 0, row.toString());
        }
        String json = MrBench.json(r);
        assertTrue(json.startsWith("{\"benchmark\":\"mr-wc\"") && json.contains("\"speedupVsSequential\":1.000"), json);
    }
}
