package io.faultline.mapreduce.lab;

import io.faultline.mapreduce.CoordinatorAddress;
import io.faultline.mapreduce.app.AppContext;
import io.faultline.mapreduce.app.Apps;
import io.faultline.mapreduce.app.Words;
import io.faultline.mapreduce.io.Sequential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's directory and processes, as in 6.5840's script: the inputs live in the run directory,
 * the test runs in a fresh {@code <test>-tmp} below it and names them {@code ../pg-*.txt}.
 */
final class MrTestBed implements AutoCloseable {
    static final long PROCESS_LIMIT_MS = 45_000;
    static final long CRASH_PROCESS_LIMIT_MS = 120_000;
    static final long WORKER_EXIT_AFTER_COORDINATOR_MS = 5_000;

    final Path dir;
    final List<String> inputs;
    final MrProcesses procs;
    private final MrLabSuite.Variant variant;

    MrTestBed(Path runDir, String testName, List<String> inputNames, MrProcesses.Launch launch,
              MrLabSuite.Variant variant) throws IOException {
        this.variant = variant;
        this.dir = Files.createDirectories(runDir.resolve(testName + "-tmp"));
        List<String> in = new ArrayList<>();
        for (String n : inputNames) {
            in.add("../" + n);
        }
        this.inputs = List.copyOf(in);
        this.procs = new MrProcesses(launch, dir.resolve("logs"));
    }

    MrProcesses.Proc coordinator(long limitMs) throws IOException {
        List<String> args = new ArrayList<>(List.of("coordinator", "--reduce", "10"));
        args.addAll(variant.coordinatorArgs());
        args.addAll(inputs);
        return procs.start("coordinator", dir, limitMs, args);
    }

    MrProcesses.Proc worker(String app, long limitMs) throws IOException {
        String run = variant.workerApp() == null ? app : variant.workerApp();
        return procs.start("worker-" + app, dir, limitMs, List.of("worker", "--app", run));
    }

    /** Runs the sequential reference in this JVM and returns its lines, sorted. */
    List<String> reference(String app) throws IOException {
        Path out = dir.resolve("mr-correct-" + app + ".txt");
        AppContext ctx = new AppContext(dir, ProcessHandle.current().pid(), () -> {
            throw new MrLabFailure("the reference run must not crash");
        });
        Sequential.run(Apps.load(app, ctx), dir, inputs, out);
        return sortedNonEmpty(Files.readAllLines(out, StandardCharsets.UTF_8));
    }

    /** {@code sort mr-out* | grep .}: every non-empty output line, sorted. */
    List<String> output() throws IOException {
        List<String> lines = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "mr-out*")) {
            for (Path p : ds) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        return sortedNonEmpty(lines);
    }

    /** Sleeps as the script does between starting the coordinator and the workers. */
    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MrLabFailure("interrupted");
        }
    }

    /** Waits for the coordinator to exit by itself with status 0. */
    void awaitCoordinator(MrProcesses.Proc c, long limitMs) throws InterruptedException {
        int code = c.waitMs(limitMs + 2_000);
        if (code != 0) {
            throw new MrLabFailure(code == -1 ? "the coordinator did not finish within " + limitMs + " ms; see " + c.log()
                    : "the coordinator exited with status " + code + "; see " + c.log());
        }
    }

    /** Every worker must be gone soon after the coordinator is (they exit when the job is done). */
    void awaitWorkers(List<MrProcesses.Proc> workers) throws InterruptedException {
        long deadline = System.nanoTime() + WORKER_EXIT_AFTER_COORDINATOR_MS * 1_000_000L;
        for (MrProcesses.Proc w : workers) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (w.waitMs(left) == -1) {
                throw new MrLabFailure("worker " + w.process().pid() + " still running "
                        + WORKER_EXIT_AFTER_COORDINATOR_MS + " ms after the job was done; see " + w.log());
            }
        }
    }

    boolean coordinatorAddressPublished() {
        return Files.exists(dir.resolve(CoordinatorAddress.FILE_NAME));
    }

    static List<String> sortedNonEmpty(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        out.sort(Words.CODE_POINT_ORDER);
        return out;
    }

    @Override
    public void close() {
        procs.close();
    }
}
