package io.faultline.histories;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes one JSON object per op and line; keywords become their names. */
public final class JsonLinesWriter extends LineOpWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public JsonLinesWriter(Writer out) {
        super(out);
    }

    @Override
    String line(Op op) throws IOException {
        return MAPPER.writeValueAsString(toMap(op));
    }

    /** The JSON object for one op, fields in a fixed order. */
    public static Map<String, Object> toMap(Op op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", op.index());
        if (op.timeNs() >= 0) {
            m.put("time", op.timeNs());
        }
        m.put("type", op.type().label());
        m.put("process", plain(op.process()));
        m.put("f", op.f());
        m.put("value", plain(op.value()));
        if (op.node() != null) {
            m.put("node", op.node());
        }
        if (op.error() != null) {
            m.put("error", plain(op.error()));
        }
        for (Map.Entry<String, Object> e : op.extra().entrySet()) {
            m.put(e.getKey(), plain(e.getValue()));
        }
        return m;
    }

    /** Keywords to names, maps with string keys, sets to lists. */
    public static Object plain(Object v) {
        if (v instanceof Keyword) {
            return ((Keyword) v).name();
        }
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                Object k = plain(e.getKey());
                m.put(String.valueOf(k), plain(e.getValue()));
            }
            return m;
        }
        if (v instanceof Collection) {
            List<Object> l = new ArrayList<>();
            for (Object o : (Collection<?>) v) {
                l.add(plain(o));
            }
            return l;
        }
        return v;
    }
}
