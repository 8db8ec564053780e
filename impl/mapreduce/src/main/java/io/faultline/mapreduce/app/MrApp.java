package io.faultline.mapreduce.app;

import java.util.List;

/**
 * A MapReduce application, loaded by name ({@link Apps#load}). The same instance may be used for
 * many tasks, one at a time.
 */
public interface MrApp {
    /** Emits the pairs for one input file. {@code fileName} is exactly the name the coordinator was given. */
    List<KeyValue> map(String fileName, String contents);

    /** Combines every value emitted for {@code key} into the text written after the key. */
    String reduce(String key, List<String> values);
}
