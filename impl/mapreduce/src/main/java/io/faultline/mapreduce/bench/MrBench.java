package io.faultline.mapreduce.bench;

import io.faultline.core.Check;
import io.faultline.mapreduce.CoordinatorAddress;
import io.faultline.mapreduce.app.Words;
import io.faultline.mapreduce.lab.MrProcesses;
import io.faultline.mapreduce.lab.TextCorpus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * wc over a generated corpus: the sequential reference (one JVM) against the coordinator with 1, 2
 * and 4 worker JVMs, same JVM options, in the same run. Wall time includes JVM start-up on both
 * sides; every distributed output is checked against the sequential one.
 */
public final class MrBench {
    /** What to measure. */
    public record Options(long sizeBytes, int fileCount, List<Integer> workerCounts, long seed, Path scratch,
                          List<String> jvmOptions) {
        public Options {
            Check.inRange(sizeBytes, 1_000, 10L << 30, "sizeBytes");
            Check.inRange(fileCount, 1, 10_000, "fileCount");
            Check.that(!workerCounts.isEmpty(), "no worker counts");
            for (int w : workerCounts) {
                Check.inRange(w, 1, 64, "workers");
            }
            workerCounts = List.copyOf(workerCounts);
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    /** One measured configuration. {@code workers} is 0 for the sequential reference. */
    public record Row(String name, int workers, long wallMs, double mbPerSec, double speedupVsSequential) {}

    /** The whole result. */
    public record Report(long inputBytes, int fileCount, long seed, List<Row> rows) {}

    private static final long JOB_LIMIT_MS = 20 * 60_000;
    private static final long WORKERLESS_MS_MAX = 5_000;
    private final Options options;
    private final PrintStream progress;

    public MrBench(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public Report run() throws IOException, InterruptedException {
        Path root = Files.createTempDirectory(options.scratch(), "faultline-mr-bench-");
        try {
            List<String> inputs = generate(root);
            long inputBytes = 0;
            for (String f : inputs) {
                inputBytes += Files.size(root.resolve(f.substring("../".length())));
            }
            MrProcesses.Launch launch = MrProcesses.Launch.fromThisJvm(options.jvmOptions());
            List<Row> rows = new ArrayList<>();
            Path seqDir = Files.createDirectories(root.resolve("sequential"));
            long seqMs = sequential(launch, seqDir, inputs);
            List<String> expected = sortedLines(seqDir, "mr-out*");
            rows.add(row("sequential", 0, seqMs, inputBytes, seqMs));
            for (int w : options.workerCounts()) {
                Path dir = Files.createDirectories(root.resolve("workers-" + w));
                long ms = distributed(launch, dir, inputs, w);
                List<String> got = sortedLines(dir, "mr-out-*");
                if (!got.equals(expected)) {
                    throw new IOException("wc with " + w + " workers produced different output from the sequential run ("
                            + got.size() + " vs " + expected.size() + " lines); kept in " + dir);
                }
                rows.add(row("mapreduce-" + w + "w", w, ms, inputBytes, seqMs));
            }
            deleteQuietly(root);
            return new Report(inputBytes, inputs.size(), options.seed(), rows);
        } catch (IOException | RuntimeException | InterruptedException e) {
            progress.println("bench mr: files kept in " + root);
            throw e;
        }
    }

    private List<String> generate(Path root) throws IOException {
        progress.printf("bench mr: generating %d MB of text in %d files (seed %d)%n",
                options.sizeBytes() >> 20, options.fileCount(), options.seed());
        TextCorpus corpus = new TextCorpus(options.seed());
        List<String> inputs = new ArrayList<>();
        long per = options.sizeBytes() / options.fileCount();
        for (int i = 0; i < options.fileCount(); i++) {
            String name = String.format("input-%03d.txt", i);
            corpus.writeFile(root.resolve(name), per);
            inputs.add("../" + name);
        }
        return inputs;
    }

    private long sequential(MrProcesses.Launch launch, Path dir, List<String> inputs) throws IOException, InterruptedException {
        try (MrProcesses procs = new MrProcesses(launch, dir.resolve("logs"))) {
            List<String> args = new ArrayList<>(List.of("sequential", "--app", "wc"));
            args.addAll(inputs);
            long t0 = System.nanoTime();
            MrProcesses.Proc p = procs.start("sequential", dir, JOB_LIMIT_MS, args);
            int code = p.waitMs(JOB_LIMIT_MS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (code != 0) {
                throw new IOException("sequential run exited with " + code + "; see " + p.log());
            }
            progress.printf("bench mr: sequential %d ms%n", ms);
            return ms;
        }
    }

    /** Starts the coordinator, waits until it listens, then times the workers until it exits. */
    private long distributed(MrProcesses.Launch launch, Path dir, List<String> inputs, int workers)
            throws IOException, InterruptedException {
        try (MrProcesses procs = new MrProcesses(launch, dir.resolve("logs"))) {
            List<String> args = new ArrayList<>(List.of("coordinator", "--reduce", "10", "--exit-grace-ms", "0"));
            args.addAll(inputs);
            MrProcesses.Proc c = procs.start("coordinator", dir, JOB_LIMIT_MS, args);
            Path addr = dir.resolve(CoordinatorAddress.FILE_NAME);
            long waitUntil = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(addr)) {
                if (!c.isAlive() || System.nanoTime() - waitUntil > 0) {
                    throw new IOException("the coordinator did not start; see " + c.log());
                }
                Thread.sleep(20);
            }
            long t0 = System.nanoTime();
            List<MrProcesses.Proc> ws = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                ws.add(procs.start("worker", dir, JOB_LIMIT_MS, List.of("worker", "--app", "wc")));
            }
            int code = awaitCoordinator(c, ws);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (code != 0) {
                throw new IOException("coordinator exited with " + code + "; see " + c.log());
            }
            progress.printf("bench mr: %d workers %d ms (%s)%n", workers, ms, summary(c));
            return ms;
        }
    }

    /** The coordinator's exit code; fails fast when every worker is gone but the job is not done. */
    private static int awaitCoordinator(MrProcesses.Proc c, List<MrProcesses.Proc> workers)
            throws IOException, InterruptedException {
        long allGoneSince = 0;
        while (true) {
            int code = c.waitMs(100);
            if (code != -1) {
                return code;
            }
            boolean anyAlive = workers.stream().anyMatch(MrProcesses.Proc::isAlive);
            if (anyAlive) {
                allGoneSince = 0;
            } else if (allGoneSince == 0) {
                allGoneSince = System.nanoTime();
            } else if (System.nanoTime() - allGoneSince > WORKERLESS_MS_MAX * 1_000_000L) {
                throw new IOException("every worker exited but the job is not done; see " + workers.get(0).log());
            }
        }
    }

    /** The coordinator's closing line: how many tasks were reassigned or resent. */
    private static String summary(MrProcesses.Proc c) throws IOException {
        String last = "no summary";
        for (String line : Files.readAllLines(c.log(), StandardCharsets.UTF_8)) {
            if (line.contains("all output final")) {
                last = line.substring(line.indexOf("all output final"));
            }
        }
        return last;
    }

    private static Row row(String name, int workers, long ms, long bytes, long seqMs) {
        double mbps = bytes / 1e6 / Math.max(1, ms) * 1000.0;
        return new Row(name, workers, ms, mbps, (double) seqMs / Math.max(1, ms));
    }

    private static List<String> sortedLines(Path dir, String glob) throws IOException {
        List<String> lines = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        lines.removeIf(String::isEmpty);
        lines.sort(Words.CODE_POINT_ORDER);
        return lines;
    }

    private static void deleteQuietly(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: scratch space.
        }
    }

    /** The report as a table. */
    public static String table(Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "wc over %.1f MB in %d files (seed %d); peer: the sequential runner%n",
                r.inputBytes() / 1e6, r.fileCount(), r.seed()));
        sb.append(String.format(Locale.ROOT, "%-16s %8s %10s %8s %12s%n", "run", "workers", "wall ms", "MB/s", "vs sequential"));
        for (Row row : r.rows()) {
            sb.append(String.format(Locale.ROOT, "%-16s %8d %10d %8.2f %11.2fx%n", row.name(), row.workers(), row.wallMs(),
                    row.mbPerSec(), row.speedupVsSequential()));
        }
        return sb.toString();
    }

    /** The report as one JSON object (no library needed for this flat shape). */
    public static String json(Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "{\"benchmark\":\"mr-wc\",\"inputBytes\":%d,\"files\":%d,\"seed\":%d,"
                + "\"peer\":\"sequential\",\"rows\":[", r.inputBytes(), r.fileCount(), r.seed()));
        for (int i = 0; i < r.rows().size(); i++) {
            Row row = r.rows().get(i);
            sb.append(i == 0 ? "" : ",");
            sb.append(String.format(Locale.ROOT, "{\"name\":\"%s\",\"workers\":%d,\"wallMs\":%d,\"mbPerSec\":%.3f,"
                    + "\"speedupVsSequential\":%.3f}", row.name(), row.workers(), row.wallMs(), row.mbPerSec(),
                    row.speedupVsSequential()));
        }
        return sb.append("]}").toString();
    }
}
