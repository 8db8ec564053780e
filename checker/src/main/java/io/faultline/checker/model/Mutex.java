package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.checker.Model;
import io.faultline.histories.OpType;
import io.faultline.histories.Operation;

/** Knossos' {@code (mutex)}: acquire needs it free, release needs it held; failed ops did not happen. */
public final class Mutex implements Model {
    private static final int ACQUIRE = 0;
    private static final int RELEASE = 1;

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public Object init() {
        return Boolean.FALSE;
    }

    @Override
    public Call prepare(Operation op) {
        if (op.outcome() == OpType.FAIL) {
            return null;
        }
        boolean det = op.outcome() == OpType.OK;
        switch (op.f()) {
            case "acquire": return new Call(op, ACQUIRE, null, null, null, det, null);
            case "release": return new Call(op, RELEASE, null, null, null, det, null);
            default: throw Fields.unsupported(name(), op.f());
        }
    }

    @Override
    public Object step(Object state, Call c) {
        boolean held = (Boolean) state;
        if (c.kind() == ACQUIRE) {
            return held ? null : Boolean.TRUE;
        }
        return held ? Boolean.FALSE : null;
    }

    @Override
    public String describe(Object state) {
        return (Boolean) state ? "held" : "free";
    }
}
