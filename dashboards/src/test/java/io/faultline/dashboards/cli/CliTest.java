package io.faultline.dashboards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    @TempDir
    Path tmp;

    private static int run(Object cmd, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(cmd);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void serveBindsToLoopbackUnlessToldOtherwise() {
        ServeCommand s = new ServeCommand();
        new CommandLine(s).parseArgs();
        assertEquals("127.0.0.1", s.bind);
        assertEquals(8080, s.port);
        assertEquals(Path.of("store"), s.store);
    }

    @Test
    void badInputExitsTwoWithAReason() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new ServeCommand(), err, "--store", tmp.resolve("absent").toString()));
        assertTrue(err.toString().contains("no store directory"), err.toString());
        Files.createDirectories(tmp.resolve("store"));
        err = new StringWriter();
        assertEquals(2, run(new ServeCommand(), err, "--store", tmp.resolve("store").toString(), "--port", "70000"));
        assertTrue(err.toString().contains("--port"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(new ReportCommand(), err, tmp.toString()));
        assertTrue(err.toString().contains("not a run directory"), err.toString());
        assertEquals(2, run(new ServeCommand(), new StringWriter(), "--no-such-flag"));
    }
}
