package io.faultline.harness.interp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.histories.JsonLinesWriter;
import io.faultline.histories.Keyword;
import io.faultline.histories.Op;
import java.util.Collection;
import java.util.Map;

/**
 * Formats one op exactly as {@link JsonLinesWriter} does (same fields, order and bytes), faster: the common shapes
 * (null, booleans, integers, plain ASCII strings, keywords, maps and collections of them) are written directly;
 * anything else (doubles, escapes, other types) is handed to the same Jackson mapper for that value.
 * {@code JsonLineTest} compares the two on random ops.
 */
final class JsonLine {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLine() {
    }

    static String format(Op op) throws JsonProcessingException {
        StringBuilder b = new StringBuilder(128);
        b.append("{\"index\":").append(op.index());
        if (op.timeNs() >= 0) {
            b.append(",\"time\":").append(op.timeNs());
        }
        b.append(",\"type\":");
        string(b, op.type().label());
        b.append(",\"process\":");
        value(b, op.process());
        b.append(",\"f\":");
        value(b, op.f());
        b.append(",\"value\":");
        value(b, op.value());
        if (op.node() != null) {
            b.append(",\"node\":");
            string(b, op.node());
        }
        if (op.error() != null) {
            b.append(",\"error\":");
            value(b, op.error());
        }
        for (Map.Entry<String, Object> e : op.extra().entrySet()) {
            b.append(',');
            string(b, e.getKey());
            b.append(':');
            value(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static void value(StringBuilder b, Object v) throws JsonProcessingException {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String) {
            string(b, (String) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            b.append(((Number) v).longValue());
        } else if (v instanceof Boolean) {
            b.append(((Boolean) v).booleanValue());
        } else if (v instanceof Keyword) {
            string(b, ((Keyword) v).name());
        } else if (v instanceof Map && stringKeys((Map<?, ?>) v)) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, String.valueOf(JsonLinesWriter.plain(e.getKey())));
                b.append(':');
                value(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Collection) {
            b.append('[');
            boolean first = true;
            for (Object o : (Collection<?>) v) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                value(b, o);
            }
            b.append(']');
        } else {
            b.append(MAPPER.writeValueAsString(JsonLinesWriter.plain(v)));
        }
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static void string(StringBuilder b, String s) throws JsonProcessingException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                b.append(MAPPER.writeValueAsString(s));
                return;
            }
        }
        b.append('"').append(s).append('"');
    }
}
