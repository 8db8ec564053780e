package io.faultline.mapreduce.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Text helpers shared by the apps and the runners. */
public final class Words {
    private Words() {}

    /**
     * Key order used everywhere keys are sorted: by Unicode code point, which is the byte order of
     * UTF-8 (what Go's string comparison and {@code LC_ALL=C sort} use), unlike
     * {@link String#compareTo} on UTF-16 units.
     */
    public static final Comparator<String> CODE_POINT_ORDER = Words::compareCodePoints;

    /** Calls {@code sink} with every maximal run of Unicode letters in {@code text}, in order. */
    public static void forEachWord(String text, Consumer<String> sink) {
        int n = text.length();
        int start = -1;
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            boolean letter = Character.isLetter(cp);
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                sink.accept(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            sink.accept(text.substring(start));
        }
    }

    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        forEachWord(text, out::add);
        return out;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
