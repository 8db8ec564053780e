package io.faultline.mapreduce.app;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * crash / nocrash: map emits ("a", file), ("b", length of the file name), ("c", length of the
 * contents), ("d", "xyzzy"); reduce sorts the values and joins them with spaces. The crash variant
 * first draws 0..999 from a cryptographic source: below 330 the process dies at once, below 660 it
 * stalls for up to 10 s, otherwise it carries on.
 */
final class Crash implements MrApp {
    static final int DIE_BELOW = 330;
    static final int STALL_BELOW = 660;
    static final long STALL_MS_MAX = 10_000;
    private final AppContext ctx;
    private final boolean crashes;
    private final SecureRandom random = new SecureRandom();

    Crash(AppContext ctx, boolean crashes) {
        this.ctx = ctx;
        this.crashes = crashes;
    }

    @Override
    public List<KeyValue> map(String fileName, String contents) {
        maybeCrash();
        List<KeyValue> out = new ArrayList<>(4);
        out.add(new KeyValue("a", fileName));
        out.add(new KeyValue("b", Integer.toString(fileName.length())));
        out.add(new KeyValue("c", Integer.toString(contents.length())));
        out.add(new KeyValue("d", "xyzzy"));
        return out;
    }

    @Override
    public String reduce(String key, List<String> values) {
        maybeCrash();
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Words.CODE_POINT_ORDER);
        return String.join(" ", sorted);
    }

    private void maybeCrash() {
        if (!crashes) {
            return;
        }
        int draw = random.nextInt(1000);
        if (draw < DIE_BELOW) {
            ctx.crasher().crash();
        } else if (draw < STALL_BELOW) {
            Parallelism.sleepMs(random.nextInt((int) STALL_MS_MAX));
        }
    }
}
