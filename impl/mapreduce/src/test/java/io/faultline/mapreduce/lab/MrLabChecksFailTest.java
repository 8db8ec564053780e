package io.faultline.mapreduce.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.mapreduce.app.DropsWords;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each lab check fails on a deliberately broken variant: the checks can fail. */
class MrLabChecksFailTest {
    private static final long SEED = 7L;

    @TempDir
    Path scratch;

    private MrLabSuite.Result runBroken(String test, MrLabSuite.Variant variant) {
        MrLabSuite.Result r = new MrLabSuite(MrLabSuite.labLaunch(Path.of(System.getProperty("java.io.tmpdir"))), scratch).run(test, SEED, variant);
        System.out.printf("broken %s: %s%n", test, r.message());
        assertFalse(r.passed(), test + " passed on a broken variant");
        return r;
    }

    @Test
    void wcCatchesWrongOutput() {
        MrLabSuite.Result r = runBroken("wc", new MrLabSuite.Variant(List.of(), DropsWords.class.getName()));
        assertTrue(r.message().contains("differs from the sequential reference"), r.message());
    }

    @Test
    void jobCountCatchesReexecution() {
        // A 1 s task timeout re-runs the 2-5 s jobcount maps.
        MrLabSuite.Result r = runBroken("job-count", new MrLabSuite.Variant(List.of("--task-timeout-ms", "1000"), null));
        assertTrue(r.message().contains("ran the wrong number of times"), r.message());
    }

    @Test
    void earlyExitCatchesACoordinatorThatExitsBeforeOutputIsFinal() {
        MrLabSuite.Result r = runBroken("early-exit", new MrLabSuite.Variant(List.of("--unsafe-early-exit"), null));
        assertTrue(r.message().contains("output changed after the first process exited"), r.message());
    }
}
