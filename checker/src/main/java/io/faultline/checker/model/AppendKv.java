package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.checker.Model;
import io.faultline.histories.OpType;
import io.faultline.histories.Operation;

/**
 * Porcupine's kv model, partitioned by key: {@code :get} returns the value, {@code :put} replaces
 * it, {@code :append} appends; every key starts as "". The key is the op field {@code :key}.
 */
public final class AppendKv implements Model {
    private static final int GET = 0;
    private static final int PUT = 1;
    private static final int APPEND = 2;

    @Override
    public String name() {
        return "append-kv";
    }

    @Override
    public Object init() {
        return "";
    }

    @Override
    public Call prepare(Operation op) {
        if (op.outcome() == OpType.FAIL) {
            return null;
        }
        Object key = Fields.key(op.invoke());
        if (key == null) {
            throw new IllegalArgumentException("append-kv op without :key: " + op.invoke());
        }
        boolean det = op.outcome() == OpType.OK;
        switch (op.f()) {
            case "get": {
                if (!det) {
                    return null;
                }
                Object v = op.completion().value();
                return new Call(op, GET, v == null ? "" : v.toString(), null, null, true, key);
            }
            case "put": return new Call(op, PUT, str(op.invoke().value()), null, null, det, key);
            case "append": return new Call(op, APPEND, str(op.invoke().value()), null, null, det, key);
            default: throw Fields.unsupported(name(), op.f());
        }
    }

    private static String str(Object v) {
        return v == null ? "" : v.toString();
    }

    @Override
    public Object step(Object state, Call c) {
        String s = (String) state;
        switch (c.kind()) {
            case GET: return s.equals(c.a()) ? s : null;
            case PUT: return c.a();
            default: return s.concat((String) c.a());
        }
    }

    @Override
    public String describe(Object state) {
        return "\"" + state + "\"";
    }
}
