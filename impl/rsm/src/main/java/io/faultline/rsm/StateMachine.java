package io.faultline.rsm;

/**
 * The replicated service (spec §6.1): every replica runs {@link #doOp} for every committed
 * operation, in log order, on the node's context.
 */
public interface StateMachine {
    /** Applies one operation; the returned object is handed, as is, to the Submit that proposed it. */
    Object doOp(byte[] op);

    /** Everything needed to rebuild the state. */
    byte[] snapshot();

    /** Replaces the state with a {@link #snapshot()}. */
    void restore(byte[] snapshot);
}
