package io.faultline.histories;

import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.Ratio;
import clojure.lang.Symbol;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts values read by Clojure's EDN reader into plain Java values. */
final class EdnValues {
    private EdnValues() {}

    static Object toJava(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double) {
            return v;
        }
        if (v instanceof clojure.lang.Keyword) {
            clojure.lang.Keyword k = (clojure.lang.Keyword) v;
            return new Keyword(k.getNamespace() == null ? k.getName() : k.getNamespace() + "/" + k.getName());
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof clojure.lang.BigInt) {
            BigInteger b = ((clojure.lang.BigInt) v).toBigInteger();
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                out.put(toJava(e.getKey()), toJava(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof IPersistentSet || v instanceof Set) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object o : (Collection<?>) v) {
                out.add(toJava(o));
            }
            return Collections.unmodifiableSet(out);
        }
        if (v instanceof Collection) {
            List<Object> out = new ArrayList<>(((Collection<?>) v).size());
            for (Object o : (Collection<?>) v) {
                out.add(toJava(o));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Character) {
            return String.valueOf(v);
        }
        if (v instanceof Symbol || v instanceof Ratio || v instanceof Number) {
            return v.toString().equals("nil") ? null : v;
        }
        if (v instanceof IPersistentMap) {
            throw new IllegalStateException("unreachable");
        }
        return v.toString();
    }
}
