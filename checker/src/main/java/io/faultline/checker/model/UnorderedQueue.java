package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.histories.EdnWriter;
import io.faultline.histories.Operation;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An unordered queue (a multiset): {@code :enqueue v}; {@code :dequeue} returns any element present
 * (an ok dequeue of nil means empty). Elements are compared by their EDN text. A crashed dequeue
 * is treated as not having happened (as in Knossos), which can only make a history fail, not pass.
 */
public final class UnorderedQueue extends KnossosStyleModel {
    private static final int ENQUEUE = 0;
    private static final int DEQUEUE = 1;

    public UnorderedQueue() {
        super("unordered-queue", Map.of());
    }

    @Override
    Call prepareHappened(Operation op, boolean det) {
        switch (op.f()) {
            case "enqueue": return new Call(op, ENQUEUE, EdnWriter.text(op.invoke().value()), null, null, det, null);
            case "dequeue": {
                Object v = det ? op.completion().value() : null;
                Call c = new Call(op, DEQUEUE, v == null ? null : EdnWriter.text(v), null, null, det, null);
                return det && v == null ? c.readOnly() : c;
            }
            default: throw Fields.unsupported(name(), op.f());
        }
    }

    @Override
    public Object step(Object state, Call c) {
        @SuppressWarnings("unchecked")
        Map<String, Integer> s = (Map<String, Integer>) state;
        String v = (String) c.a();
        if (c.kind() == ENQUEUE) {
            TreeMap<String, Integer> n = new TreeMap<>(s);
            n.merge(v, 1, Integer::sum);
            return Collections.unmodifiableMap(n);
        }
        if (v == null) {
            // a determinate nil dequeue means empty. A crashed dequeue (value unknown) is treated as
            // not having happened, as Knossos does: conservative, it can only make a history fail.
            return c.determinate() && s.isEmpty() ? s : null;
        }
        Integer n0 = s.get(v);
        if (n0 == null) {
            return null;
        }
        TreeMap<String, Integer> n = new TreeMap<>(s);
        if (n0 == 1) {
            n.remove(v);
        } else {
            n.put(v, n0 - 1);
        }
        return Collections.unmodifiableMap(n);
    }
}
