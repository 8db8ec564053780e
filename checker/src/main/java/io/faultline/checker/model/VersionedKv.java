package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.checker.Model;
import io.faultline.histories.OpType;
import io.faultline.histories.Operation;
import java.util.Objects;

/**
 * The 6.5840 versioned key/value store (labs spec section 2), partitioned by key; each key starts
 * as ("", version 0).
 *
 * <p>Ops: {@code :f :get}, invoke value {@code {:key k}}, ok value {@code {:value v, :version n,
 * :err "OK"}}; {@code :f :put}, invoke value {@code {:key k, :value v, :version n}}, completion
 * value {@code {:err e}} with e one of OK, ErrVersion, ErrNoKey, ErrMaybe. The key may also be an
 * op field {@code :key}. Get is legal iff its value equals the state's and, when it reports a
 * version, that version equals the state's (a version that goes backwards is a stale read even when
 * the value happens to match; err is not checked). Put when the versions match: legal iff OK or ErrMaybe, and installs (value, version+1);
 * otherwise legal iff ErrVersion or ErrMaybe, state unchanged. A put that crashed (info, or no
 * err) may or may not take effect. A failed get, or a failed put without err, did not happen.
 */
public final class VersionedKv implements Model {
    private static final int GET = 0;
    private static final int PUT = 1;

    /** A key's state. */
    public record State(String value, long version) {
        @Override
        public String toString() {
            return "(\"" + value + "\", v" + version + ")";
        }
    }

    private static final State INIT = new State("", 0);

    @Override
    public String name() {
        return "versioned-kv";
    }

    @Override
    public Object init() {
        return INIT;
    }

    @Override
    public Call prepare(Operation op) {
        Object key = Fields.key(op.invoke());
        if (key == null) {
            throw new IllegalArgumentException("versioned-kv op without a key: " + op.invoke());
        }
        Object in = op.invoke().value();
        Object res = op.completion() == null ? null : op.completion().value();
        String err = res == null ? null : Fields.name(Fields.get(res, "err"));
        if (err == null && op.completion() != null && op.completion().error() != null && op.outcome() == OpType.FAIL) {
            err = Fields.name(op.completion().error());
        }
        switch (op.f()) {
            case "get": {
                if (op.outcome() != OpType.OK) {
                    return null;
                }
                Object v = Fields.has(res, "value") ? Fields.get(res, "value") : res;
                Object ver = Fields.has(res, "version") ? Fields.get(res, "version") : null;
                if (ver != null && !(ver instanceof Long)) {
                    throw new IllegalArgumentException("versioned-kv :get answered a non-integer :version: " + res);
                }
                return new Call(op, GET, v == null ? "" : v.toString(), ver, null, true, key).readOnly();
            }
            case "put": {
                Object v = Fields.get(in, "value");
                Object ver = Fields.get(in, "version");
                if (!(ver instanceof Long)) {
                    throw new IllegalArgumentException("versioned-kv :put needs an integer :version, got " + in);
                }
                boolean det = op.outcome() != OpType.INFO && err != null;
                if (op.outcome() == OpType.FAIL && err == null) {
                    return null;
                }
                Call c = new Call(op, PUT, v == null ? "" : v.toString(), ver, err, det, key);
                // a determinate ErrVersion put is legal only where it changes nothing
                return det && "ErrVersion".equals(err) ? c.readOnly() : c;
            }
            default:
                throw Fields.unsupported(name(), op.f());
        }
    }

    @Override
    public Object step(Object state, Call c) {
        State s = (State) state;
        if (c.kind() == GET) {
            boolean versionOk = c.b() == null || s.version() == (Long) c.b();
            return versionOk && Objects.equals(s.value(), c.a()) ? s : null;
        }
        boolean match = s.version() == (Long) c.b();
        if (!c.determinate()) {
            return match ? new State((String) c.a(), s.version() + 1) : null;
        }
        String err = (String) c.c();
        if (match) {
            return "OK".equals(err) || "ErrMaybe".equals(err) ? new State((String) c.a(), s.version() + 1) : null;
        }
        return "ErrVersion".equals(err) || "ErrMaybe".equals(err) ? s : null;
    }

    @Override
    public String describe(Object state) {
        return state.toString();
    }
}
