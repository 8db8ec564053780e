package io.faultline.labs.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabRunner;
import io.faultline.labs.runner.RunOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A run is a pure function of (test, seed, raft): same outcome, same virtual time, same trace hash. */
class DeterminismTest {
    private static final LabOptions DEFAULT = new LabOptions(null);
    /** Tests with concurrency, unreliable networks, crashes and snapshots. */
    private static final String[] TESTS = {
        "TestConcurrentStarts3B", "TestFigure8Unreliable3C", "TestUnreliableChurn3C", "TestSnapshotInstallUnCrash3D",
    };

    @Test
    void sameSeedSameOutcomeAndTraceEvenWhenRunsOverlapOnThreads() throws Exception {
        RaftSimSuite suite = new RaftSimSuite();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String test : TESTS) {
                RunOutcome first = suite.run(test, 42, DEFAULT);
                List<Future<RunOutcome>> again = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    again.add(pool.submit(() -> suite.run(test, 42, DEFAULT)));
                }
                for (Future<RunOutcome> f : again) {
                    assertEquals(first, f.get(), test);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        RaftSimSuite suite = new RaftSimSuite();
        RunOutcome a = suite.run("TestFigure8Unreliable3C", 1, DEFAULT);
        RunOutcome b = suite.run("TestFigure8Unreliable3C", 2, DEFAULT);
        assertNotEquals(a.traceHash(), b.traceHash());
    }

    @Test
    void aReplayThroughTheRunnerPrintsExactlyTheSameReport() {
        String first = report("3B,TestFigure83C", 7);
        assertEquals(first, report("3B,TestFigure83C", 7));
        assertEquals("11 passed, 0 failed", first.substring(first.lastIndexOf('\n', first.length() - 2) + 1).trim());
    }

    private static String report(String tests, long seed) {
        StringWriter out = new StringWriter();
        LabRunner.Request r = new LabRunner.Request("raft", tests, 1, seed, 2, DEFAULT);
        LabRunner.run(r, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        return out.toString();
    }
}
