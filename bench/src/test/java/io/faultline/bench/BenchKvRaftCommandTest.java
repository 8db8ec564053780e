package io.faultline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchKvRaftCommandTest {
    private static KvRaftBench.Options parse(String... args) {
        BenchKvRaftCommand c = new BenchKvRaftCommand();
        CommandLine cl = new CommandLine(c);
        cl.parseArgs(args);
        return c.options(Path.of("/tmp"), "cp");
    }

    @Test
    void defaultsAreTheIssueSettings() {
        KvRaftBench.Options o = parse();
        assertEquals(List.of(3, 5), o.nodes());
        assertEquals(List.of(1, 32, 256), o.inFlight());
        assertEquals("etcd", o.peer());
        assertEquals(16, o.keyBytes());
        assertEquals(128, o.valueBytes());
        assertEquals(256, o.inFlightMax());
        assertEquals("read-index", o.reads());
    }

    @Test
    void flagsAreRead() {
        KvRaftBench.Options o = parse("--peer", "none", "--nodes", "3", "--in-flight", "1,8", "--seconds", "1.5",
                "--warmup", "0", "--value-bytes", "64", "--reads", "log");
        assertEquals(List.of(3), o.nodes());
        assertEquals(List.of(1, 8), o.inFlight());
        assertEquals("none", o.peer());
        assertEquals(1.5, o.seconds());
        assertEquals(0.0, o.warmupSeconds());
        assertEquals(64, o.valueBytes());
        assertEquals("log", o.reads());
    }

    @Test
    void badFlagsExitTwoWithAClearMessage() {
        for (String[] bad : new String[][] {{"--peer", "zookeeper"}, {"--seconds", "0"}, {"--nodes", "0"},
                {"--in-flight", "5000"}, {"--key-bytes", "4"}, {"--seconds", "x"}, {"--bogus"}, {"--reads", "lease"}}) {
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new BenchKvRaftCommand()).setErr(new PrintWriter(err));
            assertEquals(2, cl.execute(bad), String.join(" ", bad));
            assertFalse(err.toString().isBlank(), "no message for " + String.join(" ", bad));
        }
        StringWriter err = new StringWriter();
        new CommandLine(new BenchKvRaftCommand()).setErr(new PrintWriter(err)).execute("--peer", "zookeeper");
        assertTrue(err.toString().contains("--peer must be etcd or none, was zookeeper"), err.toString());
    }

    @Test
    void optionsRecordRejectsWhatTheFlagsReject() {
        assertThrows(io.faultline.core.Check.CheckFailure.class, () -> new KvRaftBench.Options(List.of(3), List.of(1), 1, 0, 16, 128,
                "consul", Path.of("/tmp"), "cp", List.of(), -1, "read-index"));
    }

    @Test
    void keysMatchTheEtcdDriversKeys() {
        assertEquals("k000000000000042", KvRaftBench.key(42, 16));
        assertEquals(16, KvRaftBench.key(255, 16).length());
    }
}
