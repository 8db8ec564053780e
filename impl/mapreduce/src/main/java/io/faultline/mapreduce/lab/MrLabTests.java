package io.faultline.mapreduce.lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The seven tests of 6.5840's {@code test-mr.sh} (spec §3.3), on real processes: a coordinator and
 * workers started as JVMs in a fresh directory, inputs named {@code ../pg-*.txt}.
 */
public final class MrLabTests {
    /** One test: a name and a body that throws {@link MrLabFailure} when a check fails. */
    public record LabTest(String name, Body body) {}

    @FunctionalInterface
    public interface Body {
        void run(MrTestBed bed) throws IOException, InterruptedException;
    }

    public static final List<LabTest> ALL = List.of(
            new LabTest("wc", MrLabTests::wc),
            new LabTest("indexer", MrLabTests::indexer),
            new LabTest("map-parallelism", MrLabTests::mapParallelism),
            new LabTest("reduce-parallelism", MrLabTests::reduceParallelism),
            new LabTest("job-count", MrLabTests::jobCount),
            new LabTest("early-exit", MrLabTests::earlyExit),
            new LabTest("crash", MrLabTests::crash));

    private static final long START_GAP_MS = 1_000;
    private static final long RESTART_PAUSE_MS = 1_000;
    private static final int CRASH_RESTARTS_MAX = 500;
    /** How long a restart loop waits for a slow-starting coordinator to publish its address. */
    private static final long ADDRESS_WAIT_MS = 10_000;

    private MrLabTests() {}

    public static LabTest byName(String name) {
        for (LabTest t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** wc with 3 workers: the sorted output equals the sequential reference. */
    static void wc(MrTestBed bed) throws IOException, InterruptedException {
        compareWithReference(bed, "wc", "wc", 3);
    }

    /** indexer with 2 workers: the sorted output equals the sequential reference. */
    static void indexer(MrTestBed bed) throws IOException, InterruptedException {
        compareWithReference(bed, "indexer", "indexer", 2);
    }

    private static void compareWithReference(MrTestBed bed, String app, String referenceApp, int workerCount)
            throws IOException, InterruptedException {
        List<String> expected = bed.reference(referenceApp);
        List<String> actual = runJob(bed, app, workerCount);
        expectSame(expected, actual, app + " output differs from the sequential reference");
    }

    /** Starts the coordinator, waits a second, starts the workers, waits for all of them. */
    private static List<String> runJob(MrTestBed bed, String app, int workerCount)
            throws IOException, InterruptedException {
        MrProcesses.Proc c = bed.coordinator(MrTestBed.PROCESS_LIMIT_MS);
        MrTestBed.pause(START_GAP_MS);
        List<MrProcesses.Proc> workers = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            workers.add(bed.worker(app, MrTestBed.PROCESS_LIMIT_MS));
        }
        bed.awaitCoordinator(c, MrTestBed.PROCESS_LIMIT_MS);
        bed.awaitWorkers(workers);
        return bed.output();
    }

    /** mtiming, 2 workers: both ran maps, and some map saw both workers mapping at once. */
    static void mapParallelism(MrTestBed bed) throws IOException, InterruptedException {
        List<String> out = runJob(bed, "mtiming", 2);
        long times = out.stream().filter(l -> l.startsWith("times-")).count();
        if (times != 2) {
            throw new MrLabFailure("expected 2 'times-' lines (one per worker), got " + times + ": " + out);
        }
        Pattern parallel = Pattern.compile("^parallel.* 2");
        if (out.stream().noneMatch(l -> parallel.matcher(l).find())) {
            throw new MrLabFailure("map workers did not run in parallel: " + out);
        }
    }

    /** rtiming, 2 workers: at least two reduces saw both workers reducing at once. */
    static void reduceParallelism(MrTestBed bed) throws IOException, InterruptedException {
        List<String> out = runJob(bed, "rtiming", 2);
        Pattern parallel = Pattern.compile("^[a-z] 2");
        long count = out.stream().filter(l -> parallel.matcher(l).find()).count();
        if (count < 2) {
            throw new MrLabFailure("too few parallel reduces: " + count + " lines match '^[a-z] 2' in " + out);
        }
    }

    /** jobcount, 4 workers: each of the 8 maps ran exactly once (the single output value is 8). */
    static void jobCount(MrTestBed bed) throws IOException, InterruptedException {
        List<String> out = runJob(bed, "jobcount", 4);
        int expected = bed.inputs.size();
        if (!out.equals(List.of("a " + expected))) {
            throw new MrLabFailure("map jobs ran the wrong number of times: expected the single line 'a "
                    + expected + "', got " + out);
        }
    }

    /**
     * early_exit, 3 workers: the output seen when the first process exits is the final output,
     * so no process exited while output was still being produced.
     */
    static void earlyExit(MrTestBed bed) throws IOException, InterruptedException {
        List<MrProcesses.Proc> all = new ArrayList<>();
        MrProcesses.Proc c = bed.coordinator(MrTestBed.PROCESS_LIMIT_MS);
        all.add(c);
        MrTestBed.pause(START_GAP_MS);
        for (int i = 0; i < 3; i++) {
            all.add(bed.worker("early_exit", MrTestBed.PROCESS_LIMIT_MS));
        }
        CompletableFuture<?>[] exits = all.stream().map(p -> p.process().onExit()).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.anyOf(exits).get(MrTestBed.PROCESS_LIMIT_MS + 2_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new MrLabFailure("no process exited within " + MrTestBed.PROCESS_LIMIT_MS + " ms");
        }
        List<String> first = bed.output();
        bed.awaitCoordinator(c, MrTestBed.PROCESS_LIMIT_MS);
        bed.awaitWorkers(all.subList(1, all.size()));
        List<String> last = bed.output();
        if (last.size() != bed.inputs.size()) {
            throw new MrLabFailure("expected one output line per input file (" + bed.inputs.size() + "), got " + last);
        }
        expectSame(last, first, "output changed after the first process exited (a process exited early)");
    }

    /**
     * crash: workers die (a third of tasks) or stall up to 10 s (another third); three loops keep
     * restarting them while the coordinator runs. The output must still equal nocrash's.
     */
    static void crash(MrTestBed bed) throws IOException, InterruptedException {
        List<String> expected = bed.reference("nocrash");
        MrProcesses.Proc c = bed.coordinator(MrTestBed.CRASH_PROCESS_LIMIT_MS);
        MrTestBed.pause(START_GAP_MS);
        bed.worker("crash", MrTestBed.CRASH_PROCESS_LIMIT_MS);
        List<Thread> loops = new ArrayList<>();
        int[] restarts = new int[1];
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> restartLoop(bed, c, restarts), "mr-crash-loop-" + i);
            t.setDaemon(true);
            t.start();
            loops.add(t);
        }
        bed.awaitCoordinator(c, MrTestBed.CRASH_PROCESS_LIMIT_MS);
        for (Thread t : loops) {
            t.join(MrTestBed.CRASH_PROCESS_LIMIT_MS);
        }
        expectSame(expected, bed.output(), "crash output differs from nocrash's sequential output");
    }

    /**
     * Restarts a crash worker, one at a time, while the coordinator is up (its address file exists;
     * a JVM may take more than the script's one-second head start to publish it, so wait for it).
     */
    private static void restartLoop(MrTestBed bed, MrProcesses.Proc coordinator, int[] restarts) {
        try {
            long seenBy = System.nanoTime() + ADDRESS_WAIT_MS * 1_000_000L;
            while (coordinator.isAlive() && !bed.coordinatorAddressPublished() && System.nanoTime() - seenBy < 0) {
                Thread.sleep(50);
            }
            while (coordinator.isAlive() && bed.coordinatorAddressPublished()) {
                synchronized (restarts) {
                    if (restarts[0]++ >= CRASH_RESTARTS_MAX) {
                        return;
                    }
                }
                MrProcesses.Proc w = bed.worker("crash", MrTestBed.CRASH_PROCESS_LIMIT_MS);
                w.process().waitFor();
                Thread.sleep(RESTART_PAUSE_MS);
            }
        } catch (IOException e) {
            // The test bed is closing: its processes are being killed.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void expectSame(List<String> expected, List<String> actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        int i = 0;
        while (i < expected.size() && i < actual.size() && expected.get(i).equals(actual.get(i))) {
            i++;
        }
        String e = i < expected.size() ? "'" + expected.get(i) + "'" : "(end)";
        String a = i < actual.size() ? "'" + actual.get(i) + "'" : "(end)";
        throw new MrLabFailure(what + ": " + expected.size() + " expected lines, " + actual.size()
                + " actual; first difference at sorted line " + (i + 1) + ": expected " + e + ", got " + a);
    }
}
