package io.faultline.mapreduce.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * mtiming: each map records when it ran and how many workers were mapping at the same time;
 * reduce sorts the values and joins them with spaces.
 */
final class MapTiming implements MrApp {
    private final AppContext ctx;

    MapTiming(AppContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<KeyValue> map(String fileName, String contents) {
        double startSeconds = System.currentTimeMillis() / 1000.0;
        int parallel = Parallelism.count(ctx, "map");
        List<KeyValue> out = new ArrayList<>(2);
        out.add(new KeyValue("times-" + ctx.pid(), String.format(Locale.ROOT, "%.1f", startSeconds)));
        out.add(new KeyValue("parallel-" + ctx.pid(), Integer.toString(parallel)));
        return out;
    }

    @Override
    public String reduce(String key, List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Words.CODE_POINT_ORDER);
        return String.join(" ", sorted);
    }
}
