package io.faultline.jepsen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run {@code faultline test} on local processes in this JVM: a private pid
 * directory (so leftover clean-up never touches another harness's nodes) and no JVM halt on a hung
 * phase (the test must report it instead). Subclasses set further properties in their own
 * {@code @BeforeAll}, which runs after this one.
 */
abstract class LocalHarnessTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void privatePidDir() {
        System.setProperty("faultline.pidDir", dir.resolve("pids").toString());
        System.setProperty("faultline.haltOnHang", "false");
    }

    @AfterAll
    static void restorePidDir() {
        System.clearProperty("faultline.pidDir");
        System.clearProperty("faultline.haltOnHang");
    }

    /** Files left in the private pid directory: none once every node was stopped and cleaned up. */
    static List<String> pidFilesLeft() {
        Path pids = dir.resolve("pids");
        return Files.isDirectory(pids) ? List.of(pids.toFile().list()) : List.of();
    }
}
