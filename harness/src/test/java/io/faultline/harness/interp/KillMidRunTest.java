package io.faultline.harness.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import io.faultline.harness.Client;
import io.faultline.harness.Completion;
import io.faultline.harness.gen.Generators;
import io.faultline.harness.gen.Invocation;
import io.faultline.histories.Histories;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A harness JVM SIGKILLed mid-run leaves a history.jsonl that reads completely and pairs up. */
class KillMidRunTest {
    /** The child: an endless interpreter run against a no-op client, recording to {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        Client noop = new Client() {
            @Override
            public Completion invoke(Invocation op) {
                return Completion.ok(op.value());
            }

            @Override
            public void close() {
            }
        };
        HistoryRecorder rec = HistoryRecorder.open(Path.of(args[0]), false);
        new Interpreter(new LocalEnv(), (t, n) -> noop, null, rec, new Rng(1), List.of("n1"),
                Interpreter.Options.defaults(4)).run(Generators.clients(Generators.repeat(Generators.op("write", 1L))));
    }

    @Test
    void theHistoryOfAKilledHarnessReadsAndPairs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                KillMidRunTest.class.getName(), file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(Files.exists(file) && Files.size(file) > 50_000) && System.nanoTime() < deadline) {
                assertTrue(p.isAlive(), "the child died: " + Files.readString(dir.resolve("child.log")));
                Thread.sleep(20);
            }
            assertTrue(Files.size(file) > 50_000, "the child recorded too little in 20 s");
        } finally {
            p.destroyForcibly(); // SIGKILL
            p.waitFor(10, TimeUnit.SECONDS);
        }
        History h = Histories.read(file);
        List<Op> ops = h.ops();
        assertTrue(ops.size() > 300, ops.size() + " ops");
        for (int i = 0; i < ops.size(); i++) {
            assertEquals(i, ops.get(i).index(), "no op missing or torn");
        }
        // Histories.read failed on a torn line, History on an unpaired completion: every line is whole and in order.
        assertTrue(h.operations().size() >= ops.size() / 2);
    }
}
