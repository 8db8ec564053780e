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

/** A node that cannot start: the run ends with exit 3, the node's log tail is reported, nothing is left running. */
class NodeStartFailureTest extends LocalHarnessTest {
    @BeforeAll
    static void brokenNodeJvm() {
        System.setProperty("faultline.nodeJvmArgs", "-Xmx1k"); // the node JVM refuses to start
    }

    @AfterAll
    static void restore() {
        System.clearProperty("faultline.nodeJvmArgs");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void failedNodeStartIsAHarnessErrorWithTheLogTail() throws Exception {
        Path store = dir.resolve("store");
        int code = Main.run("test", "--time-limit", "5", "--nodes", "3", "--store", store.toString());
        assertEquals(3, code);
        Path run = store.resolve("latest").toRealPath();
        String log = Files.readString(run.resolve("run.log"));
        assertTrue(log.contains("failed to start") && log.contains("heap"), "the log tail names the cause: " + log);
        Map<String, Object> results = StoreAssertions.json(run.resolve("results.json"));
        assertEquals("unknown", results.get("valid"));
        assertTrue(String.valueOf(results.get("summary")).startsWith("harness error"), results.toString());
        assertEquals("error", StoreAssertions.json(run.resolve("progress.json")).get("phase"));
        assertEquals(java.util.List.of(), pidFilesLeft(), "no node left to clean up");
    }
}
