package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.checker.Prunable;
import java.util.ArrayList;
import java.util.List;
import io.faultline.histories.Operation;

/**
 * Porcupine's kv model, partitioned by key: {@code :get} returns the value, {@code :put} replaces
 * it, {@code :append} appends; every key starts as "". The key is the op field {@code :key}.
 */
public final class AppendKv extends KnossosStyleModel implements Prunable {
    private static final int GET = 0;
    private static final int PUT = 1;
    private static final int APPEND = 2;

    public AppendKv() {
        super("append-kv", Text.EMPTY);
    }

    @Override
    Call prepareHappened(Operation op, boolean det) {
        Object key = Fields.key(op.invoke());
        if (key == null) {
            throw new IllegalArgumentException("append-kv op without :key: " + op.invoke());
        }
        switch (op.f()) {
            case "get": {
                if (!det) {
                    return null;
                }
                Object v = op.completion().value();
                return new Call(op, GET, Text.of(v == null ? "" : v.toString()).withPrefixes(), null, null, true, key).readOnly();
            }
            case "put": return new Call(op, PUT, str(op.invoke().value()), null, null, det, key).blind();
            case "append": return new Call(op, APPEND, str(op.invoke().value()), null, null, det, key);
            default: throw Fields.unsupported(name(), op.f());
        }
    }

    private static Text str(Object v) {
        return Text.of(v == null ? "" : v.toString());
    }

    /**
     * Between puts a key's value only grows. A pending get can still become legal only if the
     * current value is a prefix of what it returned, or a put whose value is such a prefix is
     * still to be linearized.
     */
    @Override
    public Prunable.Reach reachability(List<Call> calls) {
        for (Call g : calls) {
            if (g.kind() != GET) {
                continue;
            }
            List<Call> ps = new ArrayList<>();
            for (Call p : calls) {
                if (p.kind() == PUT && ((Text) g.a()).mayStartWith((Text) p.a())) {
                    ps.add(p);
                }
            }
            g.aux(ps.toArray(new Call[0]));
        }
        return (state, c, linearized) -> {
            if (c.kind() != GET || ((Text) c.a()).mayStartWith((Text) state)) {
                return true;
            }
            for (Call p : (Call[]) c.aux()) {
                if (!linearized.test(p)) {
                    return true;
                }
            }
            return false;
        };
    }

    @Override
    public Object step(Object state, Call c) {
        Text s = (Text) state;
        switch (c.kind()) {
            case GET: return s.equals(c.a()) ? s : null;
            case PUT: return c.a();
            default: return s.append((Text) c.a());
        }
    }

    @Override
    public String describe(Object state) {
        return "\"" + state + "\"";
    }
}
