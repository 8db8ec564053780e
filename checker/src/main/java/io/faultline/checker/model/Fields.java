package io.faultline.checker.model;

import io.faultline.histories.Keyword;
import io.faultline.histories.Op;
import java.util.List;
import java.util.Map;

/** Small helpers to pick apart op values. */
final class Fields {
    private Fields() {}

    /** A field of a map value, by name, whether the map's keys are keywords or strings. */
    static Object get(Object map, String name) {
        if (!(map instanceof Map)) {
            return null;
        }
        Map<?, ?> m = (Map<?, ?>) map;
        Object v = m.get(new Keyword(name));
        return v != null ? v : m.get(name);
    }

    static boolean has(Object map, String name) {
        return map instanceof Map && (((Map<?, ?>) map).containsKey(new Keyword(name)) || ((Map<?, ?>) map).containsKey(name));
    }

    /** The op's key: an extra {@code :key} field, else a {@code key} entry of its value map. */
    static Object key(Op op) {
        Object k = op.get("key");
        return k != null ? k : get(op.value(), "key");
    }

    static List<?> pair(Object v, String what) {
        if (v instanceof List && ((List<?>) v).size() == 2) {
            return (List<?>) v;
        }
        throw new IllegalArgumentException(what + " expects a [from to] pair, got " + v);
    }

    static String name(Object v) {
        if (v instanceof Keyword) {
            return ((Keyword) v).name();
        }
        return v == null ? null : v.toString();
    }

    static IllegalArgumentException unsupported(String model, String f) {
        return new IllegalArgumentException("model " + model + " does not support :f :" + f);
    }
}
