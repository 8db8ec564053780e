package io.faultline.faults;

import java.util.Map;

/** Reading a nemesis op's value: a target string, or a map of {@code targets} and numeric parameters. */
final class OpValues {
    private OpValues() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof String s) {
            return Map.of("targets", s);
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("nemesis value must be a target string or a map, was " + value);
    }

    static String target(Map<String, Object> v, String dflt) {
        Object t = v.get("targets");
        return t == null ? dflt : t.toString();
    }

    static long longParam(Map<String, Object> v, String name, long dflt) {
        Number n = number(v, name);
        return n == null ? dflt : n.longValue();
    }

    static double doubleParam(Map<String, Object> v, String name, double dflt) {
        Number n = number(v, name);
        return n == null ? dflt : n.doubleValue();
    }

    /** The parameter {@code name}, null when absent; anything but a number is refused. */
    private static Number number(Map<String, Object> v, String name) {
        Object o = v.get(name);
        if (o == null || o instanceof Number) {
            return (Number) o;
        }
        throw new IllegalArgumentException(name + " must be a number, was " + o);
    }
}
