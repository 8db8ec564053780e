package io.faultline.mapreduce.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How many worker processes are in the same phase right now: each process drops a marker file
 * {@code mr-worker-<phase>-<pid>}, counts the markers whose process is alive, waits a second so
 * overlapping tasks can see each other, then removes its marker.
 */
final class Parallelism {
    static final long OVERLAP_WAIT_MS = 1000;

    private Parallelism() {}

    static int count(AppContext ctx, String phase) {
        String prefix = "mr-worker-" + phase + "-";
        Path mine = ctx.workDir().resolve(prefix + ctx.pid());
        try {
            Files.write(mine, new byte[0]);
            int alive = 0;
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(ctx.workDir(), prefix + "*")) {
                for (Path p : dir) {
                    if (isAlive(p.getFileName().toString().substring(prefix.length()))) {
                        alive++;
                    }
                }
            }
            sleepMs(OVERLAP_WAIT_MS);
            Files.deleteIfExists(mine);
            return alive;
        } catch (IOException e) {
            throw new UncheckedIOException("parallelism marker in " + ctx.workDir() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isAlive(String pidText) {
        long pid;
        try {
            pid = Long.parseLong(pidText);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isPresent() && h.get().isAlive();
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
    }
}
