package io.faultline.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A phase that overruns its watchdog ends the run early with exit 3, after cleaning up. */
class WatchdogTest extends LocalHarnessTest {
    @BeforeAll
    static void tightRunWatchdog() {
        System.setProperty("faultline.watchdog.runMs", "2000"); // the run phase is planned for 60 s
    }

    @AfterAll
    static void restore() {
        System.clearProperty("faultline.watchdog.runMs");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anOverrunningPhaseEndsTheRunWithExit3() throws Exception {
        Path store = dir.resolve("store");
        long t0 = System.nanoTime();
        int code = Main.run("test", "--time-limit", "60", "--nodes", "3", "--nemesis", "none", "--store", store.toString());
        long runS = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertEquals(3, code);
        Path run = store.resolve("latest").toRealPath();
        Map<String, Object> results = StoreAssertions.json(run.resolve("results.json"));
        assertTrue(String.valueOf(results.get("summary")).contains("phase run overran its watchdog limit"), results.toString());
        assertTrue(Files.readString(run.resolve("run.log")).contains("watchdog: phase run overran"));
        assertEquals("error", StoreAssertions.json(run.resolve("progress.json")).get("phase"));
        assertTrue(runS < 55, "ended by the watchdog, not by the 60 s time limit: " + runS + " s");
        assertEquals(java.util.List.of(), pidFilesLeft(), "nodes stopped");
    }
}
