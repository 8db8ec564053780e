package io.faultline.backend.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.histories.OpType;
import org.junit.jupiter.api.Test;

/** A sim run is a function of its seed: same seed, same history bytes and trace hash. */
class SimDeterminismTest {
    private static MiniRun run(long seed) throws Exception {
        SimBackendOptions o = SimBackendOptions.of("kvraft", 5, seed);
        try (SimBackend b = new SimBackend(o)) {
            MiniRun r = new MiniRun(b, 4, 8_000, 1_000, 3).run(true);
            r.traceHash = b.traceHash();
            return r;
        }
    }

    @Test
    void sameSeedSameHistoryAndTrace_otherSeedDiffers() throws Exception {
        MiniRun a = run(7);
        MiniRun b = run(7);
        MiniRun c = run(8);
        String ha = a.jsonLines();
        assertTrue(a.count(OpType.OK) > 100, "the run did real work: " + a.count(OpType.OK) + " ok ops");
        assertEquals(ha, b.jsonLines(), "same seed, same history");
        assertEquals(a.traceHash, b.traceHash, "same seed, same trace");
        assertNotEquals(ha, c.jsonLines(), "another seed, another history");
        assertNotEquals(a.traceHash, c.traceHash, "another seed, another trace");
    }
}
