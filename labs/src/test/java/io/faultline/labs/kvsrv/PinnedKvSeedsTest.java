package io.faultline.labs.kvsrv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabRunner;
import io.faultline.labs.runner.LabSuites;
import io.faultline.labs.runner.RunOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeds that once failed, kept as regression tests (suite, test, seed, what it was).
 */
class PinnedKvSeedsTest {
    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource(delimiter = '|', value = {
        // CheckGet(c) saw version 2: the term changed under the put (hard-coded version 1, now the returned one)
        "kvraft|TestSnapshotRPC4C|3",
        "kvraft|TestSnapshotRPC4C|5",
        "kvraft|TestSnapshotRPC4C|8",
        "kvraft|TestSnapshotRPC4C|10",
        // 104 s linearizability check (20 clients, every ErrWrongLeader counted as maybe-executed)
        "kvraft|TestSnapshotRecoverManyClients4C|1",
    })
    void passes(String suite, String test, long seed) {
        RunOutcome o = LabSuites.byName(suite).run(test, seed, new LabOptions(null));
        assertTrue(o.passed(), () -> o.message() + "\n  replay: " + LabRunner.replayCommand(suite, o, new LabOptions(null)));
    }
}
