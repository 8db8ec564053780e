package io.faultline.mapreduce.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * File names and the atomic publish step. Intermediate files are {@code mr-<map>-<reduce>}, outputs
 * {@code mr-out-<reduce>}; work in progress goes to {@code mr-tmp-*} (never matching {@code mr-out*})
 * and is renamed into place, so a reader sees a whole file or none.
 */
public final class MrFiles {
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    private MrFiles() {}

    public static String intermediateName(int mapTask, int reduceTask) {
        return "mr-" + mapTask + "-" + reduceTask;
    }

    public static String outputName(int reduceTask) {
        return "mr-out-" + reduceTask;
    }

    /** A fresh temporary name in {@code dir}, unique across processes and attempts. */
    public static Path tempFor(Path dir, String finalName) {
        return dir.resolve("mr-tmp-" + finalName + "-" + ProcessHandle.current().pid() + "-"
                + TEMP_COUNTER.incrementAndGet());
    }

    /** Forces {@code temp} to disk, then renames it over {@code target} atomically. */
    public static void publish(Path temp, Path target, boolean sync) throws IOException {
        if (sync) {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
