package io.faultline.mapreduce.lab;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive (JDK AppCDS) for the lab's short-lived JVMs: recorded once per class
 * path by running {@code mr selftest} with {@code -XX:ArchiveClassesAtExit}, then passed to every
 * process as {@code -XX:SharedArchiveFile}. It roughly halves the CPU a worker needs to start, which
 * matters on a loaded machine where the 45 s process limit includes start-up. If recording fails,
 * or the class path has directories (as under Maven, which the JVM refuses to archive), the
 * processes start without it (the JVM also ignores an archive that does not match).
 */
public final class StartupArchive {
    private static final long RECORD_LIMIT_MS = 120_000;
    /** Class paths whose recording failed in this JVM: not tried again. */
    private static final java.util.Set<String> FAILED_KEYS = new java.util.TreeSet<>();

    private StartupArchive() {}

    /** {@code launch} with the archive option added, or unchanged if no archive could be made. */
    public static synchronized MrProcesses.Launch apply(MrProcesses.Launch launch, Path cacheDir, PrintStream log) {
        try {
            for (String entry : launch.classPath().split(File.pathSeparator, -1)) {
                if (Files.isDirectory(Path.of(entry))) {
                    return launch; // the JVM archives classes from jars only, and refuses class-path directories
                }
            }
            String key = key(launch);
            if (FAILED_KEYS.contains(key)) {
                return launch;
            }
            Path archive = cacheDir.resolve("mr-" + key + ".jsa");
            if (!Files.exists(archive) && !record(launch, archive, log)) {
                FAILED_KEYS.add(key);
                return launch;
            }
            List<String> opts = new ArrayList<>(launch.jvmOptions());
            opts.add("-XX:SharedArchiveFile=" + archive);
            return new MrProcesses.Launch(launch.javaBin(), launch.classPath(), opts);
        } catch (IOException e) {
            log.println("mapreduce lab: no class-data archive (" + e.getMessage() + "); processes start without it");
            return launch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return launch;
        }
    }

    private static boolean record(MrProcesses.Launch launch, Path archive, PrintStream log)
            throws IOException, InterruptedException {
        Files.createDirectories(archive.getParent());
        Path temp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Path out = Files.createTempFile(archive.getParent(), "record-", ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(launch.javaBin());
        cmd.addAll(launch.jvmOptions());
        cmd.add("-XX:ArchiveClassesAtExit=" + temp);
        cmd.addAll(List.of("-cp", launch.classPath(), "io.faultline.mapreduce.cli.MrMain", "selftest"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean exited = p.waitFor(RECORD_LIMIT_MS, TimeUnit.MILLISECONDS);
        if (!exited) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (!exited || p.exitValue() != 0 || !Files.exists(temp)) {
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
            log.println("mapreduce lab: recording a class-data archive failed (" + last + "); processes start without it");
            Files.deleteIfExists(temp);
            Files.deleteIfExists(out);
            return false;
        }
        Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(out);
        return true;
    }

    /** Identifies the class path and the exact jar contents (by size and time), and the JVM options. */
    private static String key(MrProcesses.Launch launch) throws IOException {
        StringBuilder sb = new StringBuilder(launch.javaBin()).append('\n').append(launch.jvmOptions()).append('\n');
        for (String entry : launch.classPath().split(File.pathSeparator, -1)) {
            Path p = Path.of(entry);
            sb.append(entry).append(' ');
            if (Files.isRegularFile(p)) {
                sb.append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
            }
            sb.append('\n');
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
