package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code faultline test} and {@code analyze}: bad input exits 2 (or 3 for a missing run) with the valid names, before anything starts. */
class TestCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    private Result test(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "test";
        all[1] = "--store";
        all[2] = dir.resolve("store").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return run(all);
    }

    private void assertUsage(Result r, String... expected) {
        assertEquals(2, r.code(), r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
        }
        assertFalse(Files.exists(dir.resolve("store")), "nothing may be started or stored for bad input");
    }

    @Test
    void unknownNamesListTheValidOnes() {
        assertUsage(test("--system", "etcd"), "unknown system 'etcd'; valid: kvraft, kvsrv");
        assertUsage(test("--nemesis", "partition,meteor"), "unknown nemesis 'meteor'; valid: partition, kill, pause, clock, loss, delay, none, all");
        assertUsage(test("--workload", "queue"), "unknown workload 'queue'; valid: register, set, counter");
        assertUsage(test("--variant", "bug-nope"), "unknown kvraft variant 'bug-nope'; valid: faultline, read-index, bug-local-get, bug-snapshot-drops-versions");
        assertUsage(test("--system", "kvsrv", "--variant", "bug-local-get"), "valid: faultline, bug-errversion-after-resend");
        assertUsage(test("--raft", "paxos"), "unknown raft 'paxos'; valid: faultline", "bug-forget-vote");
        assertUsage(test("--backend", "docker"), "unknown backend 'docker'; valid: local, sim");
    }

    @Test
    void impossibleCombinationsAndRangesAreUsageErrors() {
        assertUsage(test("--system", "kvsrv", "--nodes", "3"), "kvsrv is a single server: --nodes must be 1");
        assertUsage(test("--system", "kvsrv", "--nemesis", "kill"), "nemesis 'kill' does not apply to kvsrv");
        assertUsage(test("--nodes", "2"), "kvraft needs at least 3 nodes");
        assertUsage(test("--time-limit", "0"), "--time-limit must be in 1..86400");
        assertUsage(test("--concurrency", "0"), "--concurrency must be in 1..256");
        assertUsage(test("--nemesis-interval", "0"), "--nemesis-interval");
        assertUsage(test("--test-count", "0"), "--test-count must be in 1..10000");
        assertUsage(test("--system", "kvsrv", "--raft", "bug-forget-vote"), "--raft applies only to --system kvraft");
    }

    @Test
    void unknownFlagsAndBadNumbersAreExit2() {
        assertEquals(2, test("--frobnicate").code());
        assertEquals(2, test("--nodes", "many").code());
    }

    @Test
    void analyzeOfSomethingThatIsNotARunIsAnError() {
        Result r = run("analyze", dir.toString());
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("test.json not found"), r.out());
    }
}
