package io.faultline.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code faultline test} end to end on local processes, short: 3 kvraft nodes, 10 s of the register
 * workload with partitions, kills, pauses and clock faults every 3 s. The verdict must be valid, the
 * store complete, faults must have happened and ops must have succeeded.
 */
class LocalTestEndToEndTest extends LocalHarnessTest {
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shortKvraftRunUnderFaultsIsValidWithACompleteStore() throws Exception {
        Path store = dir.resolve("store");
        int code = Main.run("test", "--time-limit", "10", "--nodes", "3", "--concurrency", "6", "--seed", "7",
                "--nemesis", "partition,kill,pause,clock", "--nemesis-interval", "2", "--store", store.toString());
        if (code != 0) {
            System.out.println("LocalTestEndToEndTest: exit " + code + "; run.log:\n" + Files.readString(store.resolve("latest/run.log")));
        }
        Path run = StoreAssertions.assertCompleteRun(store, 3);
        Map<String, Object> results = StoreAssertions.json(run.resolve("results.json"));
        assertEquals(0, code, "exit code; results: " + results);
        assertEquals(Boolean.TRUE, results.get("valid"));
        Map<?, ?> ops = (Map<?, ?>) results.get("ops");
        assertTrue(((Number) ops.get("ok")).longValue() > 0, "ops succeeded: " + ops); // stats also demands an ok get and put
        List<String> faults = Files.readAllLines(run.resolve("faults.jsonl"));
        assertTrue(faults.stream().anyMatch(l -> l.contains("\"action\":\"start\"")), "a fault started: " + faults);
        assertTrue(Files.readString(run.resolve("history.jsonl")).contains("\"f\":\"heal-all\""), "the heal is in the history");
        assertEquals(List.of(), pidFilesLeft(), "no pid file left: the nodes were stopped");
    }
}
