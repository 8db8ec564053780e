package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.checker.Model;
import io.faultline.histories.OpType;
import io.faultline.histories.Operation;

/**
 * The part shared by models that follow Knossos' convention: a fixed name and initial state, a
 * failed op did not happen (it prepares to null), and an op that completed ok is determinate
 * (a crashed one may or may not have taken effect). Only {@link #prepare} is shared; each model
 * keeps its own {@link #step}.
 */
abstract class KnossosStyleModel implements Model {
    private final String name;
    private final Object init;

    KnossosStyleModel(String name, Object init) {
        this.name = name;
        this.init = init;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Object init() {
        return init;
    }

    @Override
    public final Call prepare(Operation op) {
        if (op.outcome() == OpType.FAIL) {
            return null;
        }
        return prepareHappened(op, op.outcome() == OpType.OK);
    }

    /**
     * The call for an op that did not fail, as {@link Model#prepare} describes; {@code ok} when it
     * completed ok (determinate), false when it crashed.
     */
    abstract Call prepareHappened(Operation op, boolean ok);
}
