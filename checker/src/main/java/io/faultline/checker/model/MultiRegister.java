package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.histories.Operation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Knossos' {@code (multi-register init)}: ops are {@code :txn [[:read k v] [:write k v] ...]}; a
 * nil read value matches anything; failed ops did not happen. Absent keys read as nil.
 */
public final class MultiRegister extends KnossosStyleModel {
    private static final int TXN = 0;

    public MultiRegister(Map<?, ?> init) {
        super("multi-register", Collections.unmodifiableMap(new LinkedHashMap<>(init)));
    }

    @Override
    Call prepareHappened(Operation op, boolean det) {
        if (!"txn".equals(op.f())) {
            throw Fields.unsupported(name(), op.f());
        }
        Object v = op.value();
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("multi-register :txn expects a vector of [f k v], got " + v);
        }
        boolean writes = false;
        for (Object m : (List<?>) v) {
            if (!(m instanceof List) || ((List<?>) m).size() != 3) {
                throw new IllegalArgumentException("multi-register micro-op must be [f k v], got " + m);
            }
            String f = Fields.name(((List<?>) m).get(0));
            if (!"read".equals(f) && !"write".equals(f)) {
                throw new IllegalArgumentException("multi-register micro-op must be :read or :write, got " + m);
            }
            writes |= "write".equals(f);
        }
        if (!det && !writes) {
            return null;
        }
        Call c = new Call(op, TXN, v, null, null, det, null);
        return writes ? c : c.readOnly();
    }

    @Override
    public Object step(Object state, Call c) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> s = (Map<Object, Object>) state;
        Map<Object, Object> copy = null;
        for (Object m : (List<?>) c.a()) {
            List<?> mop = (List<?>) m;
            Object k = mop.get(1);
            Object v = mop.get(2);
            Map<Object, Object> cur = copy == null ? s : copy;
            if ("read".equals(Fields.name(mop.get(0)))) {
                if (v != null && c.determinate() && !Objects.equals(cur.get(k), v)) {
                    return null;
                }
            } else {
                if (copy == null) {
                    copy = new LinkedHashMap<>(s);
                }
                copy.put(k, v);
            }
        }
        return copy == null ? s : Collections.unmodifiableMap(copy);
    }
}
