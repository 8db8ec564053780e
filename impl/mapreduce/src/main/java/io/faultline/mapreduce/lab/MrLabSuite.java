package io.faultline.mapreduce.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one MapReduce lab test once: generates the inputs from the seed in a fresh directory, runs
 * the test's processes, kills whatever is left, and removes the directory unless the test failed
 * (then the message names it: it holds the outputs and every process's log).
 *
 * <p>The seed fixes the input text only. The processes run in real time and the crash app draws
 * from a cryptographic source, as in 6.5840, so a run is not a pure function of the seed.
 */
public final class MrLabSuite {
    /** The outcome of one run. */
    public record Result(String test, long seed, boolean passed, String message, long wallMs) {}

    /**
     * What runs under test: the real thing ({@link #REAL}), or a deliberately broken variant used to
     * prove that the checks fail (extra coordinator flags, another app in the workers).
     */
    public record Variant(List<String> coordinatorArgs, String workerApp) {
        public static final Variant REAL = new Variant(List.of(), null);

        public Variant {
            coordinatorArgs = List.copyOf(coordinatorArgs);
        }
    }

    private final MrProcesses.Launch launch;
    private final Path scratchRoot;

    /** Runs processes as {@code launch} says, in directories under {@code scratchRoot}. */
    public MrLabSuite(MrProcesses.Launch launch, Path scratchRoot) {
        this.launch = launch;
        this.scratchRoot = scratchRoot;
    }

    /** Processes from this JVM's class path, scratch space under the system temp directory. */
    public static MrLabSuite defaults() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return new MrLabSuite(labLaunch(tmp), tmp);
    }

    /** Quick-start JVM options plus the shared class archive kept under {@code cacheRoot}. */
    public static MrProcesses.Launch labLaunch(Path cacheRoot) {
        return StartupArchive.apply(MrProcesses.Launch.quickStart(), cacheRoot.resolve("faultline-mr-cds"), System.err);
    }

    public static List<String> testNames() {
        List<String> names = new ArrayList<>();
        for (MrLabTests.LabTest t : MrLabTests.ALL) {
            names.add(t.name());
        }
        return names;
    }

    public Result run(String test, long seed) {
        return run(test, seed, Variant.REAL);
    }

    public Result run(String test, long seed, Variant variant) {
        MrLabTests.LabTest t = MrLabTests.byName(test);
        if (t == null) {
            throw new IllegalArgumentException("unknown mapreduce test '" + test + "'; valid: " + testNames());
        }
        long t0 = System.nanoTime();
        Path runDir = null;
        try {
            Files.createDirectories(scratchRoot);
            runDir = Files.createTempDirectory(scratchRoot, "faultline-mr-" + test + "-");
            List<String> inputs = new ArrayList<>();
            for (Path p : TextCorpus.writeLabFiles(runDir, seed, 1.0)) {
                inputs.add(p.getFileName().toString());
            }
            try (MrTestBed bed = new MrTestBed(runDir, test, inputs, launch, variant)) {
                t.body().run(bed);
            }
        } catch (MrLabFailure e) {
            return new Result(test, seed, false, e.getMessage() + " [files kept in " + runDir + "]", elapsedMs(t0));
        } catch (IOException | RuntimeException e) {
            return new Result(test, seed, false, "harness error: " + e + " [files kept in " + runDir + "]", elapsedMs(t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(test, seed, false, "interrupted", elapsedMs(t0));
        }
        deleteTree(runDir);
        return new Result(test, seed, true, null, elapsedMs(t0));
    }

    private static long elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
