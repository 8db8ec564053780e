package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code faultline node} and {@code faultline bench raft}: bad flags exit 2 with a clear message. */
class NodeCommandTest {
    private record Result(int code, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), err.toString());
    }

    @Test
    void idOutsidePeersIsExit2() {
        Result r = run("node", "--system", "raft", "--id", "3", "--peers", "127.0.0.10:7000,127.0.0.11:7001",
                "--data-dir", "/tmp/faultline-node-test", "--admin", "7100", "--admin-token", "abcdefgh");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--id 3 is not an index into --peers (0..1)"), r.err());
    }

    @Test
    void nonLoopbackPeerIsExit2() {
        Result r = run("node", "--system", "raft", "--id", "0", "--peers", "192.168.1.5:7000",
                "--data-dir", "/tmp/faultline-node-test", "--admin", "7100");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not on loopback"), r.err());
    }

    @Test
    void missingFlagsAndUnknownSystemAreExit2() {
        Result r = run("node", "--id", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Missing required options"), r.err());
        Result s = run("node", "--system", "kv", "--id", "0", "--peers", "127.0.0.10:7000",
                "--data-dir", "/tmp/faultline-node-test", "--admin", "7100");
        assertEquals(2, s.code());
        assertTrue(s.err().contains("--system must be one of [raft, kvsrv, kvraft], was kv"), s.err());
        Result v = run("node", "--system", "kvraft", "--id", "0", "--peers", "127.0.0.10:7000",
                "--data-dir", "/tmp/faultline-node-test", "--admin", "7100", "--variant", "nope");
        assertEquals(2, v.code());
        assertTrue(v.err().contains("--variant must be one of [kvraft, read-index, bug-local-get, bug-snapshot-drops-versions], was nope"),
                v.err());
        Result k = run("node", "--system", "kvsrv", "--id", "0", "--peers", "127.0.0.10:7000,127.0.0.11:7000",
                "--data-dir", "/tmp/faultline-node-test", "--admin", "7100");
        assertEquals(2, k.code());
        assertTrue(k.err().contains("--peers must list exactly one address"), k.err());
    }

    @Test
    void benchRaftRejectsBadSeconds() {
        Result r = run("bench", "raft", "--seconds", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--seconds must be in (0, 600]"), r.err());
    }

    @Test
    void benchRaftRejectsBadPrewarmAndInFlight() {
        Result r = run("bench", "raft", "--prewarm", "-1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--prewarm must be in [0, 600]"), r.err());
        r = run("bench", "raft", "--in-flight", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--in-flight values must be in 1..4096, was 0"), r.err());
        r = run("bench", "raft", "--in-flight", "x");
        assertEquals(2, r.code());
    }
}
