package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.checker.Model;
import io.faultline.histories.Keyword;
import io.faultline.histories.OpType;
import io.faultline.histories.Operation;
import java.util.List;
import java.util.Objects;

/**
 * A register with read, write and compare-and-set, in two semantics.
 *
 * <p>KNOSSOS: failed ops did not happen; a nil read matches anything (and so is dropped); crashed
 * writes and cas may take effect or not. ETCD (Porcupine's etcd model): the register starts absent
 * and a nil read means absent; a failed cas is a determinate "compare failed"; a failed read with
 * {@code :timed-out} has an unknown result; info ops, and failed writes (which Porcupine's parser
 * leaves open), stay pending to the end with unknown results.
 */
public final class CasRegister implements Model {
    public enum Semantics { KNOSSOS, ETCD }

    /** The state of an absent register (nil). */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "nil";
        }
    };

    static final int READ = 0;
    static final int WRITE = 1;
    static final int CAS = 2;
    static final int CAS_FAILED = 3;

    private final String name;
    private final Object init;
    private final Semantics semantics;

    public CasRegister(String name, Object init, Semantics semantics) {
        this.name = name;
        this.init = init == null ? ABSENT : init;
        this.semantics = semantics;
    }

    /** Knossos' {@code (cas-register init)}. */
    public static CasRegister knossos(Object init) {
        return new CasRegister(init == null ? "cas-register" : "cas-register:" + init, init, Semantics.KNOSSOS);
    }

    /** Porcupine's etcd model: starts absent, nil reads mean absent. */
    public static CasRegister etcd() {
        return new CasRegister("etcd", null, Semantics.ETCD);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object init() {
        return init;
    }

    @Override
    public Call prepare(Operation op) {
        OpType out = op.outcome();
        String f = op.f();
        boolean timedOut = op.completion() != null && new Keyword("timed-out").equals(op.completion().error());
        if (semantics == Semantics.KNOSSOS) {
            if (out == OpType.FAIL) {
                return null;
            }
            switch (f) {
                case "read":
                    return out == OpType.OK && op.completion().value() != null
                            ? new Call(op, READ, op.completion().value(), null, null, true, null).readOnly() : null;
                case "write":
                    return new Call(op, WRITE, box(op.invoke().value()), null, null, out == OpType.OK, null).blind();
                case "cas": {
                    List<?> p = Fields.pair(op.invoke().value(), "cas");
                    return new Call(op, CAS, box(p.get(0)), box(p.get(1)), null, out == OpType.OK, null);
                }
                default:
                    throw Fields.unsupported(name, f);
            }
        }
        switch (f) {
            case "read":
                return out == OpType.OK ? new Call(op, READ, box(op.completion().value()), null, null, true, null).readOnly() : null;
            case "write":
                return new Call(op, WRITE, box(op.invoke().value()), null, null, out == OpType.OK, null).blind();
            case "cas": {
                List<?> p = Fields.pair(op.invoke().value(), "cas");
                if (out == OpType.FAIL && !timedOut) {
                    return new Call(op, CAS_FAILED, box(p.get(0)), box(p.get(1)), null, true, null).readOnly();
                }
                return new Call(op, CAS, box(p.get(0)), box(p.get(1)), null, out == OpType.OK, null);
            }
            default:
                throw Fields.unsupported(name, f);
        }
    }

    private static Object box(Object v) {
        return v == null ? ABSENT : v;
    }

    @Override
    public Object step(Object state, Call c) {
        switch (c.kind()) {
            case READ:
                return Objects.equals(state, c.a()) ? state : null;
            case WRITE:
                return c.a();
            case CAS:
                return Objects.equals(state, c.a()) ? c.b() : null;
            case CAS_FAILED:
                return Objects.equals(state, c.a()) ? null : state;
            default:
                throw new IllegalStateException("unknown call kind " + c.kind());
        }
    }

    @Override
    public String describe(Object state) {
        return state == ABSENT ? "nil" : Model.super.describe(state);
    }
}
