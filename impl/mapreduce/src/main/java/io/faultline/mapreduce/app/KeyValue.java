package io.faultline.mapreduce.app;

import io.faultline.core.Check;

/** One intermediate pair emitted by a map function. */
public record KeyValue(String key, String value) {
    public KeyValue {
        Check.notNull(key, "key");
        Check.notNull(value, "value");
    }
}
