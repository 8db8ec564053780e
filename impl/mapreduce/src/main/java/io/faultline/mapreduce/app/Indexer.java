package io.faultline.mapreduce.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** indexer: (word, document) once per distinct word of a document; reduce lists the documents. */
final class Indexer implements MrApp {
    @Override
    public List<KeyValue> map(String fileName, String contents) {
        Set<String> distinct = new LinkedHashSet<>();
        Words.forEachWord(contents, distinct::add);
        List<KeyValue> out = new ArrayList<>(distinct.size());
        for (String w : distinct) {
            out.add(new KeyValue(w, fileName));
        }
        return out;
    }

    @Override
    public String reduce(String key, List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Words.CODE_POINT_ORDER);
        return sorted.size() + " " + String.join(",", sorted);
    }
}
