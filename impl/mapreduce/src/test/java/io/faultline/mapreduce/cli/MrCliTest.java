package io.faultline.mapreduce.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.mapreduce.lab.MrProcesses;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives a clear message and the documented exit code, checked on real processes. */
class MrCliTest {
    private static final long LIMIT_MS = 30_000;

    @TempDir
    Path dir;

    private MrProcesses procs;

    @BeforeEach
    void setUp() throws IOException {
        procs = new MrProcesses(MrProcesses.Launch.quickStart(), dir.resolve("logs"));
    }

    @AfterEach
    void tearDown() {
        procs.close();
    }

    private record Ran(int code, String output) {}

    private Ran run(String... args) throws Exception {
        MrProcesses.Proc p = procs.start("cli", dir, LIMIT_MS, List.of(args));
        int code = p.waitMs(LIMIT_MS);
        return new Ran(code, Files.readString(p.log()));
    }

    @Test
    void missingInputFileIsBadUsage() throws Exception {
        Ran c = run("coordinator", "nope.txt");
        assertEquals(2, c.code(), c.output());
        assertTrue(c.output().contains("input file nope.txt does not exist"), c.output());
        Ran s = run("sequential", "--app", "wc", "nope.txt");
        assertEquals(2, s.code(), s.output());
        assertTrue(s.output().contains("nope.txt"), s.output());
    }

    @Test
    void unknownAppIsBadUsage() throws Exception {
        Ran w = run("worker", "--app", "wordcount");
        assertEquals(2, w.code(), w.output());
        assertTrue(w.output().contains("unknown app 'wordcount'"), w.output());
        Files.writeString(dir.resolve("in.txt"), "x");
        Ran s = run("sequential", "--app", "wordcount", "in.txt");
        assertEquals(2, s.code(), s.output());
    }

    @Test
    void badFlagsAreBadUsage() throws Exception {
        assertEquals(2, run("worker").code(), "--app is required");
        assertEquals(2, run("coordinator").code(), "FILES are required");
        Ran addr = run("worker", "--app", "wc", "--coordinator", "10.0.0.1:80");
        assertEquals(2, addr.code(), addr.output());
        assertTrue(addr.output().contains("not a literal loopback"), addr.output());
    }

    @Test
    void unreachableCoordinatorIsARuntimeError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Ran w = run("worker", "--app", "wc", "--coordinator", "127.0.0.1:" + port, "--connect-timeout-ms", "1000");
        assertEquals(3, w.code(), w.output());
        assertTrue(w.output().contains("cannot reach the coordinator at 127.0.0.1:" + port), w.output());
        Ran noFile = run("worker", "--app", "wc", "--connect-timeout-ms", "500");
        assertEquals(3, noFile.code(), noFile.output());
        assertTrue(noFile.output().contains("mr-coordinator.addr did not appear"), noFile.output());
    }

    @Test
    void sequentialWritesTheReference() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "to be or not to be");
        Ran s = run("sequential", "--app", "wc", "in.txt");
        assertEquals(0, s.code(), s.output());
        assertEquals("be 2\nnot 1\nor 1\nto 2\n", Files.readString(dir.resolve("mr-out-0")));
    }
}
