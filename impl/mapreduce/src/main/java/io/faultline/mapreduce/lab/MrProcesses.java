package io.faultline.mapreduce.lab;

import io.faultline.core.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts MapReduce processes (JVMs running {@code io.faultline.mapreduce.cli.MrMain}) the way
 * 6.5840's test script does, each under a time limit (like {@code timeout -k 2s 45s}), with its
 * output in a log file. {@link #close} kills every process it started and waits, bounded in time.
 */
public final class MrProcesses implements AutoCloseable {
    /** How to launch a JVM: the java binary, the class path, and JVM options. */
    public record Launch(String javaBin, String classPath, List<String> jvmOptions) {
        public Launch {
            Check.notNull(javaBin, "javaBin");
            Check.notNull(classPath, "classPath");
            jvmOptions = List.copyOf(jvmOptions);
        }

        /**
         * This JVM's java and class path (the shaded faultline.jar under the CLI, the test class
         * path under JUnit), overridable with the system property {@code faultline.mr.classpath},
         * and options for quick start-up.
         */
        public static Launch fromThisJvm(List<String> jvmOptions) {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("faultline.mr.classpath", System.getProperty("java.class.path"));
            return new Launch(javaBin, absolute(cp), jvmOptions);
        }

        /** The class path with every entry made absolute: the processes run in other directories. */
        static String absolute(String classPath) {
            List<String> out = new ArrayList<>();
            for (String entry : classPath.split(java.io.File.pathSeparator, -1)) {
                if (!entry.isEmpty()) {
                    out.add(Path.of(entry).toAbsolutePath().toString());
                }
            }
            return String.join(java.io.File.pathSeparator, out);
        }

        public static Launch quickStart() {
            return fromThisJvm(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-XX:-UsePerfData", "-Xmx256m"));
        }
    }

    /** One started process. */
    public record Proc(String name, Process process, Path log) {
        public boolean isAlive() {
            return process.isAlive();
        }

        /** Waits up to {@code ms} for the exit; returns the exit code, or -1 if still running. */
        public int waitMs(long ms) throws InterruptedException {
            return process.waitFor(ms, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        }
    }

    private static final long KILL_WAIT_MS = 5_000;
    private final Launch launch;
    private final Path logDir;
    private final List<Proc> started = new ArrayList<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mr-watchdog");
        t.setDaemon(true);
        return t;
    });
    private int counter;

    public MrProcesses(Launch launch, Path logDir) throws IOException {
        this.launch = launch;
        this.logDir = Files.createDirectories(logDir);
    }

    /** Starts {@code MrMain args...} in {@code cwd}; it is killed after {@code timeLimitMs}. */
    public synchronized Proc start(String name, Path cwd, long timeLimitMs, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launch.javaBin());
        cmd.addAll(launch.jvmOptions());
        cmd.add("-cp");
        cmd.add(launch.classPath());
        cmd.add("io.faultline.mapreduce.cli.MrMain");
        cmd.addAll(args);
        Path log = logDir.resolve(String.format("%02d-%s.log", ++counter, name));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p = pb.start();
        Proc proc = new Proc(name, p, log);
        started.add(proc);
        watchdog.schedule(() -> {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }, timeLimitMs, TimeUnit.MILLISECONDS);
        return proc;
    }

    public synchronized List<Proc> started() {
        return List.copyOf(started);
    }

    /** Kills every process still running and waits for them, at most a few seconds in all. */
    @Override
    public void close() {
        List<Proc> all = started();
        for (Proc p : all) {
            p.process().descendants().forEach(ProcessHandle::destroyForcibly);
            p.process().destroyForcibly();
        }
        long deadline = System.nanoTime() + KILL_WAIT_MS * 1_000_000L;
        for (Proc p : all) {
            long leftMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                p.process().waitFor(leftMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        watchdog.shutdownNow();
    }
}
