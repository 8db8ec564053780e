package io.faultline.vertx.bench;

import io.faultline.core.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.HdrHistogram.Histogram;

/**
 * The disk's floor for a Raft commit: sequential appends of one record followed by
 * {@code fdatasync} ({@link FileChannel#force force(false)}), in a directory on the same file system
 * as the nodes' data, for a fixed time.
 */
public final class FsyncFloor {
    /** Latencies of append + fdatasync, in nanoseconds. */
    public record Result(long syncs, double seconds, Histogram latencyNanos) {
        public double syncsPerSecond() {
            return syncs / seconds;
        }

        public double meanMicros() {
            return latencyNanos.getMean() / 1000.0;
        }
    }

    private FsyncFloor() {}

    public static Result measure(Path dir, int recordBytes, double seconds) {
        Check.that(recordBytes > 0, "recordBytes must be positive, was %s", recordBytes);
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        Path file = dir.resolve("fsync-floor.dat");
        ByteBuffer record = ByteBuffer.allocate(recordBytes);
        long syncs = 0;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                long start = System.nanoTime();
                long end = start + (long) (seconds * 1e9);
                long now = start;
                while (now < end) {
                    record.clear();
                    record.putLong(0, syncs);
                    while (record.hasRemaining()) {
                        ch.write(record);
                    }
                    ch.force(false);
                    long after = System.nanoTime();
                    h.recordValue(after - now);
                    now = after;
                    syncs++;
                }
                return new Result(syncs, (now - start) / 1e9, h);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fsync floor measurement in " + dir + " failed", e);
        }
    }
}
