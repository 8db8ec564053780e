package io.faultline.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a finished run must have left in its store directory (docs/store.md). */
final class StoreAssertions {
    static final ObjectMapper JSON = new ObjectMapper();

    private StoreAssertions() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path file) throws Exception {
        return JSON.readValue(file.toFile(), Map.class);
    }

    /** The run directory store/latest points at, after checking every file of a complete run. */
    static Path assertCompleteRun(Path store, int nodes) throws Exception {
        Path latest = store.resolve("latest");
        assertTrue(Files.isSymbolicLink(latest), "store/latest is a symlink");
        assertTrue(!Files.readSymbolicLink(latest).isAbsolute(), "store/latest is relative");
        Path run = latest.toRealPath();
        for (String f : List.of("test.json", "progress.json", "history.jsonl", "faults.jsonl", "run.log", "history.edn",
                "results.json", "report.html")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " in " + run);
        }
        for (int i = 1; i <= nodes; i++) {
            Path log = run.resolve("nodes/n" + i + "/node.log");
            assertTrue(Files.size(log) > 0 && Files.readString(log).contains("faultline-node ready"), log + " holds the node's output");
        }
        Map<String, Object> test = json(run.resolve("test.json"));
        for (String k : List.of("name", "system", "variant", "raft", "workload", "backend", "partitionMechanism", "nodes",
                "concurrency", "timeLimitS", "seed", "nemeses", "startTime", "endTime", "durationMs", "versions", "command", "pid")) {
            assertTrue(test.containsKey(k), "test.json has " + k + ": " + test);
        }
        assertEquals("done", json(run.resolve("progress.json")).get("phase"));
        long historyLines = Files.readAllLines(run.resolve("history.jsonl")).size();
        long ednLines = Files.readAllLines(run.resolve("history.edn")).size();
        assertEquals(historyLines, ednLines, "history.edn holds the same ops");
        assertTrue(Files.readString(run.resolve("report.html")).contains("<html"), "report.html is a page");
        return run;
    }
}
