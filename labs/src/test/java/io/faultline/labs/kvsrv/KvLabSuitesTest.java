package io.faultline.labs.kvsrv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabRunner;
import io.faultline.labs.runner.LabSuite;
import io.faultline.labs.runner.LabSuites;
import io.faultline.labs.runner.LabTestInfo;
import io.faultline.labs.runner.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab-2 (kvsrv 8) and lab-4 (rsm 8, kvraft 22) tests against the correct systems and the
 * default Raft, on fixed seeds, plus the kvraft tests against the correct server with ReadIndex Gets: the same scenarios {@code faultline lab kvsrv,rsm,kvraft} runs with
 * fresh seeds. {@link #SEEDS} run by default; {@link #SLOW_SEEDS} only with the slow tag.
 */
class KvLabSuitesTest {
    static final String[] SUITES = {"kvsrv", "rsm", "kvraft", "kvraft:read-index"};
    static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    static final long[] SLOW_SEEDS = {
        11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 0x5EED_0001L, 0xBADC0FFEEL, 271_828_182_845L, 314_159_265_358L,
    };

    static List<Arguments> runs(long[] seeds) {
        List<Arguments> out = new ArrayList<>();
        for (String suite : SUITES) {
            for (LabTestInfo t : LabSuites.byName(suite).tests()) {
                for (long seed : seeds) {
                    out.add(Arguments.of(suite, t.name(), seed));
                }
            }
        }
        return out;
    }

    static List<Arguments> defaultRuns() {
        return runs(SEEDS);
    }

    static List<Arguments> slowRuns() {
        return runs(SLOW_SEEDS);
    }

    static void check(String suite, String test, long seed) {
        LabSuite s = LabSuites.byName(suite);
        RunOutcome o = s.run(test, seed, new LabOptions(null));
        assertTrue(o.passed(), () -> o.message() + "\n  trail: " + String.join("\n    ", o.trail()) + "\n  replay: "
                + LabRunner.replayCommand(suite, o, new LabOptions(null)));
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("defaultRuns")
    void passes(String suite, String test, long seed) {
        check(suite, test, seed);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("slowRuns")
    void passesMoreSeeds(String suite, String test, long seed) {
        check(suite, test, seed);
    }
}
