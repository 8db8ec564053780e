package io.faultline.labs.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's selection, exit codes and report format, on a small deterministic fake suite. */
class LabRunnerTest {
    /** TestEven1X fails on odd seeds; TestPass1X and TestOther2X always pass; "slow" needs raft=ok. */
    static final class FakeSuite implements LabSuite {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public List<LabTestInfo> tests() {
            return List.of(new LabTestInfo("fake", "TestPass1X", "1X"), new LabTestInfo("fake", "TestEven1X", "1X"),
                    new LabTestInfo("fake", "TestOther2X", "2X"));
        }

        @Override
        public String checkOptions(LabOptions options) {
            return options.raftName() == null || options.raftName().equals("ok") ? null
                    : "unknown raft '" + options.raftName() + "'; valid: ok";
        }

        @Override
        public RunOutcome run(String test, long seed, LabOptions options) {
            boolean pass = !test.equals("TestEven1X") || seed % 2 == 0;
            return new RunOutcome(test, seed, pass, pass ? null : "odd seed " + seed, seed % 1000, seed * 31, 7,
                    pass ? List.of() : List.of("step one", "step two", "step three"));
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String suites, String tests, int runs, Long seed, String raft) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        LabRunner.Request r = new LabRunner.Request(suites, tests, runs, seed, 2, new LabOptions(raft));
        return LabRunner.run(List.of(new FakeSuite()), r, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String lastLine() {
        String[] lines = out.toString().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void allPassingRunsExitZeroAndEndWithTheCount() {
        assertEquals(0, run("fake", "TestPass1X,2X", 5, null, null));
        assertEquals("10 passed, 0 failed", lastLine());
        assertTrue(out.toString().contains("TestPass1X        5       0"), out.toString());
        assertTrue(err.toString().contains("[10/10]"), "progress on stderr: " + err);
    }

    @Test
    void aFailingSeedIsReportedWithItsReplayCommand() {
        assertEquals(1, run("fake", "TestEven1X", 1, 3L, null));
        assertEquals("0 passed, 1 failed", lastLine());
        assertTrue(out.toString().contains("FAIL TestEven1X seed 3: odd seed 3"), out.toString());
        assertTrue(out.toString().contains("  replay: ./faultline lab fake --test TestEven1X --seed 3\n"
                + "  last steps before the failure (virtual time):\n    step one\n"), out.toString());
        assertEquals(1, run("fake", "TestEven1X", 1, 3L, "ok"));
        assertTrue(out.toString().contains("--seed 3 --raft ok"), out.toString());
    }

    @Test
    void sweepsPrintNoTrailUnlessAsked() {
        run("fake", "TestEven1X", 30, null, null);
        assertFalse(out.toString().contains("step one"), out.toString());
        out.getBuffer().setLength(0);
        LabRunner.Request r = new LabRunner.Request("fake", "TestEven1X", 1, 3L, 1, new LabOptions(null), 1);
        LabRunner.run(List.of(new FakeSuite()), r, new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(out.toString().contains("    step three\n") && !out.toString().contains("step two"), out.toString());
    }

    @Test
    void manyFreshSeedsCatchTheOddOnesAndCountRuns() {
        int code = run("fake", "1X", 40, null, null);
        String last = lastLine();
        assertEquals(1, code, out.toString());
        assertTrue(last.matches("\\d+ passed, \\d+ failed"), last);
        String[] parts = last.split(" ");
        assertEquals(80, Integer.parseInt(parts[0]) + Integer.parseInt(parts[2]));
    }

    @Test
    void aReplayPrintsExactlyTheSameReport() {
        run("fake", "1X,2X", 1, 12345L, null);
        String first = out.toString();
        run("fake", "1X,2X", 1, 12345L, null);
        assertEquals(first, out.toString());
        assertTrue(first.contains("TestOther2X seed 12345: passed"), first);
    }

    @Test
    void unknownNamesAreUsageErrorsListingWhatIsValid() {
        assertEquals(2, run("fake", "TestNope", 1, null, null));
        assertTrue(err.toString().contains("unknown test 'TestNope'"), err.toString());
        assertTrue(err.toString().contains("TestPass1X, TestEven1X, TestOther2X"), err.toString());
        assertTrue(err.toString().contains("valid parts: 1X, 2X"), err.toString());
        assertEquals("", out.toString());
        assertEquals(2, run("fake,nosuchsuite", null, 1, null, null));
        assertTrue(err.toString().contains("unknown lab suite 'nosuchsuite'; valid suites: fake"), err.toString());
        assertEquals(2, run("fake", null, 1, null, "nope"));
        assertTrue(err.toString().contains("unknown raft 'nope'; valid: ok"), err.toString());
        assertEquals(2, run("fake", null, 0, null, null));
        assertEquals(2, run("fake", null, 2, 5L, null));
        assertTrue(err.toString().contains("--seed replays one run"), err.toString());
        assertEquals(2, run("fake", "1X,", 1, null, null));
    }

    @Test
    void headerNamesSuitesRunsAndSeedSource() {
        run("fake", null, 2, null, null);
        String header = out.toString().split("\n")[0];
        assertEquals("lab fake: 3 tests x 2 runs = 6 runs, fresh seeds from system entropy "
                + "(each is on stderr; failures below)", header);
        assertFalse(out.toString().contains("seed 0:"));
    }
}
