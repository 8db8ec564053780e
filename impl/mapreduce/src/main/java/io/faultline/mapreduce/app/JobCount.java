package io.faultline.mapreduce.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * jobcount: every map leaves a marker file {@code mr-worker-jobcount-<pid>-<k>} and takes 2-5 s;
 * reduce counts the markers, so the output says how many map executions happened in total.
 */
final class JobCount implements MrApp {
    static final String PREFIX = "mr-worker-jobcount";
    static final long SLEEP_MIN_MS = 2000;
    static final long SLEEP_SPREAD_MS = 3000;
    private final AppContext ctx;
    private int mapsRun;

    JobCount(AppContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<KeyValue> map(String fileName, String contents) {
        Path marker = ctx.workDir().resolve(PREFIX + "-" + ctx.pid() + "-" + mapsRun);
        mapsRun++;
        try {
            Files.write(marker, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + marker + ": " + e.getMessage(), e);
        }
        Parallelism.sleepMs(SLEEP_MIN_MS + ThreadLocalRandom.current().nextLong(SLEEP_SPREAD_MS));
        return List.of(new KeyValue("a", "x"));
    }

    @Override
    public String reduce(String key, List<String> values) {
        int count = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(ctx.workDir(), PREFIX + "*")) {
            for (Path ignored : dir) {
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ctx.workDir() + ": " + e.getMessage(), e);
        }
        return Integer.toString(count);
    }
}
