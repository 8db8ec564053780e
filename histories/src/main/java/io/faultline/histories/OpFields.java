package io.faultline.histories;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds an {@link Op} from a field map (keys without colons), shared by the EDN and JSON readers. */
final class OpFields {
    private OpFields() {}

    static Op toOp(Map<?, ?> m, long defaultIndex) {
        long index = defaultIndex;
        long timeNs = -1;
        OpType type = null;
        Object process = null;
        boolean hasProcess = false;
        String f = null;
        Object value = null;
        String node = null;
        Object error = null;
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = keyName(e.getKey());
            Object v = e.getValue();
            switch (k) {
                case "index": index = asLong(v, "index"); break;
                case "time": timeNs = asLong(v, "time"); break;
                case "type": type = OpType.parse(nameOf(v, "type")); break;
                case "process": process = normalizeProcess(v); hasProcess = true; break;
                case "f": f = v == null ? null : nameOf(v, "f"); break;
                case "value": value = v; break;
                case "node": node = v == null ? null : String.valueOf(v instanceof Keyword ? ((Keyword) v).name() : v); break;
                case "error": error = v; break;
                default: extra.put(k, v);
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("op has no :type");
        }
        if (!hasProcess || process == null) {
            throw new IllegalArgumentException("op has no :process");
        }
        return new Op(index, timeNs, type, process, f, value, node, error, extra);
    }

    static String keyName(Object k) {
        if (k instanceof Keyword) {
            return ((Keyword) k).name();
        }
        if (k instanceof String) {
            return (String) k;
        }
        throw new IllegalArgumentException("op field name must be a keyword or string, got " + k);
    }

    private static String nameOf(Object v, String field) {
        if (v instanceof Keyword) {
            return ((Keyword) v).name();
        }
        if (v instanceof String) {
            return (String) v;
        }
        throw new IllegalArgumentException(":" + field + " must be a keyword or string, got " + v);
    }

    private static long asLong(Object v, String field) {
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException(":" + field + " must be an integer, got " + v);
    }

    private static Object normalizeProcess(Object v) {
        if (v instanceof Integer) {
            return ((Integer) v).longValue();
        }
        if (v instanceof String) {
            return new Keyword((String) v);
        }
        return v;
    }
}
