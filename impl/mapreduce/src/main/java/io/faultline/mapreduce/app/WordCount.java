package io.faultline.mapreduce.app;

import java.util.ArrayList;
import java.util.List;

/** wc: one ("word", "1") per occurrence of a run of letters; reduce counts the values. */
final class WordCount implements MrApp {
    @Override
    public List<KeyValue> map(String fileName, String contents) {
        List<KeyValue> out = new ArrayList<>();
        Words.forEachWord(contents, w -> out.add(new KeyValue(w, "1")));
        return out;
    }

    @Override
    public String reduce(String key, List<String> values) {
        return Integer.toString(values.size());
    }
}
