package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.histories.Operation;

/** Knossos' {@code (mutex)}: acquire needs it free, release needs it held; failed ops did not happen. */
public final class Mutex extends KnossosStyleModel {
    private static final int ACQUIRE = 0;
    private static final int RELEASE = 1;

    public Mutex() {
        super("mutex", Boolean.FALSE);
    }

    @Override
    Call prepareHappened(Operation op, boolean det) {
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
