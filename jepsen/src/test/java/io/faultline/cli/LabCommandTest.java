package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code faultline lab}: exit codes, the last line, and exact replays. */
class LabCommandTest {
    private record Result(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Result lab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "lab";
        System.arraycopy(args, 0, full, 1, args.length);
        return new Result(cl.execute(full), out.toString(), err.toString());
    }

    @Test
    void unknownTestIsExit2ListingValidNames() {
        Result r = lab("raft", "--test", "TestNoSuch3B");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown test 'TestNoSuch3B'"), r.err());
        assertTrue(r.err().contains("TestInitialElection3A") && r.err().contains("TestSnapshotInit3D"), r.err());
    }

    @Test
    void unknownSuiteRaftOrFlagIsExit2() {
        Result suite = lab("raft,nosuchsuite");
        assertEquals(2, suite.code());
        assertTrue(suite.err().contains("unknown lab suite 'nosuchsuite'; valid suites: raft"), suite.err());
        Result raft = lab("raft", "--raft", "nope");
        assertEquals(2, raft.code());
        assertTrue(raft.err().contains("unknown raft 'nope'") && raft.err().contains("bug-forget-vote"), raft.err());
        assertEquals(2, lab("raft", "--runs", "zero").code());
        assertEquals(2, lab("raft", "--frobnicate").code());
        assertEquals(2, lab("raft", "--runs", "0").code());
    }

    @Test
    void passingRunsEndWithTheCountAndExit0() {
        Result r = lab("raft", "--test", "3A", "--runs", "2", "--parallel", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("6 passed, 0 failed", r.lastLine());
        assertTrue(r.err().contains("[6/6]"), r.err());
    }

    @Test
    void aReplayPrintsIdenticalOutput() {
        Result a = lab("raft", "--test", "TestFigure8Unreliable3C,TestBackup3B", "--seed", "99");
        Result b = lab("raft", "--test", "TestFigure8Unreliable3C,TestBackup3B", "--seed", "99", "--parallel", "1");
        assertEquals(0, a.code(), a.out());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().contains("TestFigure8Unreliable3C seed 99: passed at"), a.out());
    }

    @Test
    void aFailingRunIsExit1WithItsReplayCommand() {
        Result r = lab("raft", "--test", "TestPersist23C", "--seed", "1", "--raft", "bug-vote-no-log-check");
        assertEquals(1, r.code(), r.out());
        assertEquals("0 passed, 1 failed", r.lastLine());
        assertTrue(r.out().contains("FAIL TestPersist23C seed 1: "), r.out());
        assertTrue(r.out().contains(
                "  replay: ./faultline lab raft --test TestPersist23C --seed 1 --raft bug-vote-no-log-check"), r.out());
    }
}
