package io.faultline.labs.kvsrv;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Estimates the heap retained by an object graph (64-bit JVM with compressed pointers: 12-byte
 * headers rounded to 8, 4-byte references), walking instance fields reflectively and JDK
 * collections through their public API. Deterministic, unlike heap sampling, so the memory test
 * stays a pure function of the seed and can run in parallel with other runs. Shared objects are
 * counted once.
 */
public final class RetainedSize {
    /** Per-entry overhead charged for map entries and collection slots (node object + table slot). */
    static final long MAP_ENTRY_BYTES = 40;
    static final long COLLECTION_SLOT_BYTES = 20;

    private RetainedSize() {}

    public static long of(Object root) {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        long total = 0;
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            total += shallow(o, todo);
        }
        return total;
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    private static long shallow(Object o, ArrayDeque<Object> todo) {
        Class<?> c = o.getClass();
        if (o instanceof String s) {
            return 24 + align(16 + s.length()); // String + its byte[] (Latin-1)
        }
        if (c.isArray()) {
            int n = Array.getLength(o);
            Class<?> ct = c.getComponentType();
            if (!ct.isPrimitive()) {
                for (int i = 0; i < n; i++) {
                    todo.push(Array.get(o, i));
                }
                return align(16 + 4L * n);
            }
            long elem = ct == long.class || ct == double.class ? 8 : ct == int.class || ct == float.class ? 4
                    : ct == short.class || ct == char.class ? 2 : 1;
            return align(16 + elem * n);
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                todo.push(e.getKey());
                todo.push(e.getValue());
            }
            return 48 + MAP_ENTRY_BYTES * m.size();
        }
        if (o instanceof Collection<?> col) {
            for (Object e : col) {
                todo.push(e);
            }
            return 40 + COLLECTION_SLOT_BYTES * col.size();
        }
        if (c.getName().startsWith("java.") || c.getName().startsWith("javax.") || c.getName().startsWith("jdk.")) {
            return 16; // boxed values and other small JDK objects
        }
        long bytes = 12;
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Class<?> t = f.getType();
                if (t.isPrimitive()) {
                    bytes += t == long.class || t == double.class ? 8 : t == int.class || t == float.class ? 4
                            : t == short.class || t == char.class ? 2 : 1;
                    continue;
                }
                bytes += 4;
                try {
                    f.setAccessible(true);
                    todo.push(f.get(o));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot measure field " + f + ": " + e, e);
                }
            }
        }
        return align(bytes);
    }
}
