package io.faultline.labs.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.labs.raft.RaftLabTest;
import io.faultline.labs.raft.RaftLabTests;
import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabRunner;
import io.faultline.labs.runner.RunOutcome;
import io.faultline.raft.RaftFactories;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 28 Raft lab tests against the default Raft, each on a fixed list of seeds: the same
 * scenarios {@code faultline lab raft} runs with fresh seeds.
 */
class RaftLabSuiteTest {
    /** Fixed seeds, the same for every test. */
    static final long[] SEEDS = {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
        0x5EED_0001L, 0xBADC0FFEEL, 271_828_182_845L, 314_159_265_358L,
    };

    static List<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (RaftLabTest t : RaftLabTests.all()) {
            for (long seed : SEEDS) {
                out.add(Arguments.of(t.name(), seed));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("runs")
    void passes(String test, long seed) {
        RunOutcome o = new RaftSimSuite().run(test, seed, new LabOptions(null));
        assertTrue(o.passed(), () -> o.message() + "\n  replay: "
                + LabRunner.replayCommand("raft", o, new LabOptions(null)) + " (raft " + RaftFactories.DEFAULT_NAME + ")");
    }
}
