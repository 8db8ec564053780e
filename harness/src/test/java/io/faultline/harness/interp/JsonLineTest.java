package io.faultline.harness.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.core.Rng;
import io.faultline.histories.JsonLinesWriter;
import io.faultline.histories.Keyword;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorder's fast formatter writes exactly what {@link JsonLinesWriter} writes, on random ops. */
class JsonLineTest {
    @Test
    void sameBytesAsJsonLinesWriterOnRandomOps() throws Exception {
        Rng r = new Rng(99);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> extra = new LinkedHashMap<>();
            if (r.nextInt(4) == 0) {
                extra.put(str(r), value(r, 2));
            }
            Object process = r.nextBoolean() ? (Object) (long) r.nextInt(100) : Keyword.of("nemesis");
            Op op = new Op(i, r.nextInt(3) == 0 ? -1 : r.nextLong(1L << 50), OpType.values()[r.nextInt(4)], process,
                    r.nextInt(10) == 0 ? null : str(r), value(r, 3), r.nextBoolean() ? null : "n" + r.nextInt(5),
                    r.nextInt(3) == 0 ? value(r, 1) : null, extra);
            StringWriter w = new StringWriter();
            new JsonLinesWriter(w).write(op);
            assertEquals(w.toString(), JsonLine.format(op) + "\n", "op " + i);
        }
    }

    static String str(Rng r) {
        String[] pool = {"k1", "read", "", "a\"b", "back\\slash", "tab\there", "nl\n", "é unicode ✓", "ctl\u0001", "/slash"};
        return pool[r.nextInt(pool.length)];
    }

    static Object value(Rng r, int depth) {
        int k = r.nextInt(depth <= 0 ? 8 : 12);
        switch (k) {
            case 0: return null;
            case 1: return (long) r.nextInt(1000) - 500;
            case 2: return r.nextInt(7);
            case 3: return str(r);
            case 4: return r.nextBoolean();
            case 5: return Keyword.of("ok");
            case 6: return r.nextDouble() * 1e12;
            case 7: return 1.5f;
            case 8: {
                Map<Object, Object> m = new LinkedHashMap<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    m.put(r.nextInt(5) == 0 ? (Object) Keyword.of("key") : str(r), value(r, depth - 1));
                }
                return m;
            }
            case 9: {
                List<Object> l = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    l.add(value(r, depth - 1));
                }
                return l;
            }
            case 10: {
                LinkedHashSet<Object> s = new LinkedHashSet<>();
                s.add((long) r.nextInt(3));
                s.add("x");
                return s;
            }
            default: {
                Map<Object, Object> m = new LinkedHashMap<>();
                m.put(1L, "one");
                m.put("1", "string one");
                return m;
            }
        }
    }
}
