package io.faultline.mapreduce.app;

import java.util.ArrayList;
import java.util.List;

/** rtiming: map emits ten keys "a".."j"; each reduce returns how many workers were reducing at once. */
final class ReduceTiming implements MrApp {
    static final int KEY_COUNT = 10;
    private final AppContext ctx;

    ReduceTiming(AppContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<KeyValue> map(String fileName, String contents) {
        List<KeyValue> out = new ArrayList<>(KEY_COUNT);
        for (char c = 'a'; c < 'a' + KEY_COUNT; c++) {
            out.add(new KeyValue(String.valueOf(c), "1"));
        }
        return out;
    }

    @Override
    public String reduce(String key, List<String> values) {
        return Integer.toString(Parallelism.count(ctx, "reduce"));
    }
}
