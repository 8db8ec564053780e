package io.faultline.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.mapreduce.app.AppContext;
import io.faultline.mapreduce.app.Apps;
import io.faultline.mapreduce.app.MrApp;
import io.faultline.mapreduce.io.Sequential;
import io.faultline.mapreduce.rpc.MrServer;
import io.faultline.mapreduce.rpc.MrTransport;
import io.faultline.mapreduce.rpc.VertxMrTransport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In one JVM, over real loopback TCP: a worker that gets a malformed reply stops with a clear
 * error and leaves nothing half-written; a restarted worker then does the whole job against a real
 * coordinator, and the output equals the sequential reference.
 */
class WorkerRestartTest {
    @TempDir
    Path dir;

    @Test
    void malformedReplyStopsTheWorkerWhichCanBeRestarted() throws Exception {
        List<String> files = List.of("a.txt", "b.txt", "c.txt");
        for (String f : files) {
            Files.writeString(dir.resolve(f), "the quick brown fox " + f + " jumps over the lazy dog the end");
        }
        AppContext ctx = new AppContext(dir, 1, () -> {
            throw new AssertionError("no crash expected");
        });
        MrApp wc = Apps.load("wc", ctx);
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (MrTransport transport = new VertxMrTransport()) {
            try (MrServer garbage = transport.listen("127.0.0.1", 0, (service, req) -> new byte[] {(byte) 0xEE, 1, 2})) {
                Worker w = new Worker(Worker.Options.defaults(dir, new CoordinatorAddress("127.0.0.1", garbage.port())), wc, log);
                Worker.MalformedReplyException e = assertThrows(Worker.MalformedReplyException.class, () -> w.run(transport));
                assertTrue(e.getMessage().contains("malformed reply") && e.getMessage().contains("unknown assignment tag 238"),
                        e.getMessage());
            }
            try (Stream<Path> s = Files.list(dir)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("mr-")), "nothing written");
            }

            Coordinator.Options o = Coordinator.Options.defaults(dir, files, 3);
            Coordinator c = new Coordinator(o, log);
            CompletableFuture<Void> coordinator = CompletableFuture.runAsync(() -> {
                try {
                    c.run(transport);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            Worker restarted = new Worker(Worker.Options.defaults(dir, null), wc, log);
            Worker.Outcome outcome = restarted.run(transport);
            coordinator.get(20, TimeUnit.SECONDS);
            assertEquals(Worker.Outcome.EXIT_TOLD, outcome, logBytes.toString(StandardCharsets.UTF_8));
            assertTrue(Files.notExists(dir.resolve(CoordinatorAddress.FILE_NAME)), "the address file is removed at exit");
        }
        Sequential.run(wc, dir, files, Path.of("expected"));
        List<String> actual = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            actual.addAll(Files.readAllLines(dir.resolve("mr-out-" + r)));
        }
        actual.sort(null);
        List<String> expected = new ArrayList<>(Files.readAllLines(dir.resolve("expected")));
        expected.sort(null);
        assertEquals(expected, actual);
    }
}
