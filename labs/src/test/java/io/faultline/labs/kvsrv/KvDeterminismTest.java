package io.faultline.labs.kvsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabSuites;
import io.faultline.labs.runner.RunOutcome;
import org.junit.jupiter.api.Test;

/** A kv-family run is a pure function of its seed: same seed, same outcome, time, RPCs and trace. */
class KvDeterminismTest {
    private static RunOutcome run(String suite, String test, long seed) {
        return LabSuites.byName(suite).run(test, seed, new LabOptions(null));
    }

    @Test
    void sameSeedSameRun() {
        String[][] tests = {{"kvsrv", "TestManyClientsUnreliable"}, {"rsm", "TestLeaderPartition4A"},
                {"kvraft", "TestPersistPartitionUnreliableLinearizable4B"}, {"kvraft:bug-local-get", "TestOnePartition4B"}};
        for (String[] t : tests) {
            RunOutcome a = run(t[0], t[1], 42);
            RunOutcome b = run(t[0], t[1], 42);
            assertEquals(a.passed(), b.passed(), t[1]);
            assertEquals(a.message(), b.message(), t[1]);
            assertEquals(a.virtualMs(), b.virtualMs(), t[1]);
            assertEquals(a.rpcs(), b.rpcs(), t[1]);
            assertEquals(a.traceHash(), b.traceHash(), t[1]);
        }
    }

    @Test
    void differentSeedsDifferentRuns() {
        assertNotEquals(run("kvraft", "TestUnreliable4B", 1).traceHash(), run("kvraft", "TestUnreliable4B", 2).traceHash());
    }
}
