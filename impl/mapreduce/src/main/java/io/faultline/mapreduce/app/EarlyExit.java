package io.faultline.mapreduce.app;

import java.util.List;

/**
 * early_exit: one (file name, "1") per file; the reduces of the "sherlock" and "tom" files take
 * 3 s longer, so a process that exits as soon as it has nothing to do would exit while output is
 * still being produced.
 */
final class EarlyExit implements MrApp {
    static final long SLOW_REDUCE_MS = 3000;

    @Override
    public List<KeyValue> map(String fileName, String contents) {
        return List.of(new KeyValue(fileName, "1"));
    }

    @Override
    public String reduce(String key, List<String> values) {
        if (key.contains("sherlock") || key.contains("tom")) {
            Parallelism.sleepMs(SLOW_REDUCE_MS);
        }
        return Integer.toString(values.size());
    }
}
