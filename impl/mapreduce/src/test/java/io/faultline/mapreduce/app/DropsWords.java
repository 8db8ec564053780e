package io.faultline.mapreduce.app;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately broken wc, loaded by class name: it drops every word that starts with 'a'. The
 * lab tests use it to prove that the wc check fails on wrong output.
 */
public final class DropsWords implements MrApp {
    @Override
    public List<KeyValue> map(String fileName, String contents) {
        List<KeyValue> out = new ArrayList<>();
        Words.forEachWord(contents, w -> {
            if (!w.startsWith("a")) {
                out.add(new KeyValue(w, "1"));
            }
        });
        return out;
    }

    @Override
    public String reduce(String key, List<String> values) {
        return Integer.toString(values.size());
    }
}
