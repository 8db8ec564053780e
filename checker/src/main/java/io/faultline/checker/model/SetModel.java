package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.histories.EdnWriter;
import io.faultline.histories.Operation;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** A set: {@code :add v}; {@code :read} returns the whole set. Elements compare by EDN text. */
public final class SetModel extends KnossosStyleModel {
    private static final int ADD = 0;
    private static final int READ = 1;

    public SetModel() {
        super("set", Set.of());
    }

    @Override
    Call prepareHappened(Operation op, boolean det) {
        switch (op.f()) {
            case "add": return new Call(op, ADD, EdnWriter.text(op.invoke().value()), null, null, det, null);
            case "read": {
                if (!det) {
                    return null;
                }
                Object v = op.completion().value();
                if (!(v instanceof Collection)) {
                    throw new IllegalArgumentException("set :read expects a collection, got " + v);
                }
                TreeSet<String> s = new TreeSet<>();
                for (Object o : (Collection<?>) v) {
                    s.add(EdnWriter.text(o));
                }
                return new Call(op, READ, Collections.unmodifiableSet(s), null, null, true, null).readOnly();
            }
            default: throw Fields.unsupported(name(), op.f());
        }
    }

    @Override
    public Object step(Object state, Call c) {
        @SuppressWarnings("unchecked")
        Set<String> s = (Set<String>) state;
        if (c.kind() == READ) {
            return s.equals(c.a()) ? s : null;
        }
        if (s.contains(c.a())) {
            return s;
        }
        TreeSet<String> n = new TreeSet<>(s);
        n.add((String) c.a());
        return Collections.unmodifiableSet(n);
    }

    @Override
    public String describe(Object state) {
        return "#{" + String.join(" ", (Set<String>) state) + "}";
    }
}
