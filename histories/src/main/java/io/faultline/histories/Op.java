package io.faultline.histories;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One history event, as in Jepsen: {@code index}, {@code timeNs} (ns since test start, or -1 when
 * unknown), {@code type}, {@code process}, {@code f}, {@code value}, plus {@code node} and
 * {@code error}. Any other fields of the source record (for example {@code :key}) are kept in
 * {@link #extra()} in their original order.
 *
 * <p>{@code process} is a {@link Long} for client processes and a {@link Keyword} (or string) for
 * others such as {@code :nemesis}. Values are plain Java: null, Long, Double, String, Boolean,
 * {@link Keyword}, List, Map (LinkedHashMap) and Set.
 */
public final class Op {
    private final long index;
    private final long timeNs;
    private final OpType type;
    private final Object process;
    private final String f;
    private final Object value;
    private final String node;
    private final Object error;
    private final Map<String, Object> extra;

    public Op(long index, long timeNs, OpType type, Object process, String f, Object value,
              String node, Object error, Map<String, Object> extra) {
        this.index = index;
        this.timeNs = timeNs;
        this.type = Objects.requireNonNull(type, "type");
        this.process = process;
        this.f = f;
        this.value = value;
        this.node = node;
        this.error = error;
        this.extra = extra == null || extra.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A client op without node, error or extra fields. */
    public static Op of(long index, OpType type, long process, String f, Object value) {
        return new Op(index, -1, type, process, f, value, null, null, null);
    }

    public long index() { return index; }
    public long timeNs() { return timeNs; }
    public OpType type() { return type; }
    public Object process() { return process; }
    public String f() { return f; }
    public Object value() { return value; }
    public String node() { return node; }
    public Object error() { return error; }
    public Map<String, Object> extra() { return extra; }

    /** An extra field by name (without the colon), or null. */
    public Object get(String field) {
        return extra.get(field);
    }

    /** True when the process is a client (an integer), false for e.g. the nemesis. */
    public boolean isClient() {
        return process instanceof Long;
    }

    public Op withIndex(long newIndex) {
        return new Op(newIndex, timeNs, type, process, f, value, node, error, extra);
    }

    public Op withValue(Object newValue) {
        return new Op(index, timeNs, type, process, f, newValue, node, error, extra);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Op)) {
            return false;
        }
        Op x = (Op) o;
        return index == x.index && timeNs == x.timeNs && type == x.type && Objects.equals(process, x.process)
                && Objects.equals(f, x.f) && Objects.equals(value, x.value) && Objects.equals(node, x.node)
                && Objects.equals(error, x.error) && extra.equals(x.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, type, process, f, value);
    }

    @Override
    public String toString() {
        return EdnWriter.format(this);
    }
}
