package io.faultline.mapreduce;

import io.faultline.mapreduce.app.AppContext;
import io.faultline.mapreduce.app.Apps;
import io.faultline.mapreduce.app.MrApp;
import io.faultline.mapreduce.io.Sequential;
import io.faultline.mapreduce.rpc.MrTransport;
import io.faultline.mapreduce.rpc.Transports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small wc job in one process: a coordinator and a worker over loopback TCP, in a scratch
 * directory, checked against the sequential runner. A smoke test for an installation, and the run
 * that records the class-data-sharing archive which lets the lab's many short-lived JVMs start
 * faster ({@code -XX:ArchiveClassesAtExit}).
 */
public final class SelfTest {
    private static final long JOB_LIMIT_MS = 60_000;

    private SelfTest() {}

    /** Runs the job in {@code dir} (which must be empty); throws if anything differs or fails. */
    public static void run(Path dir, PrintStream log) throws IOException, InterruptedException {
        List<String> files = List.of("a.txt", "b.txt");
        Files.writeString(dir.resolve("a.txt"), "the quick brown fox jumps over the lazy dog\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b.txt"), "the end of the story, the end\n", StandardCharsets.UTF_8);
        AppContext ctx = new AppContext(dir, ProcessHandle.current().pid(), () -> {
            throw new IllegalStateException("the self-test app must not crash");
        });
        MrApp wc = Apps.load("wc", ctx);
        try (MrTransport transport = Transports.create()) {
            Coordinator.Options d = Coordinator.Options.defaults(dir, files, 2);
            Coordinator c = new Coordinator(new Coordinator.Options(dir, files, 2, d.host(), 0, d.taskTimeoutMs(),
                    200, d.pollMs(), false), log);
            CompletableFuture<Void> coordinator = CompletableFuture.runAsync(() -> {
                try {
                    c.run(transport);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            new Worker(Worker.Options.defaults(dir, null), wc, log).run(transport);
            coordinator.get(JOB_LIMIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("self-test coordinator failed: " + e, e);
        }
        Sequential.run(wc, dir, files, Path.of("mr-expected"));
        List<String> expected = Files.readAllLines(dir.resolve("mr-expected"));
        List<String> actual = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "mr-out-*")) {
            for (Path p : ds) {
                actual.addAll(Files.readAllLines(p));
            }
        }
        actual.sort(null);
        expected = new ArrayList<>(expected);
        expected.sort(null);
        if (!actual.equals(expected)) {
            throw new IOException("self-test output differs from the sequential run: " + actual + " vs " + expected);
        }
    }
}
