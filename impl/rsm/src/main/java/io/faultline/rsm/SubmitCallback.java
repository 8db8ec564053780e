package io.faultline.rsm;

/** Completion of {@link Rsm#submit}: runs exactly once, on the node's context (or inline on immediate failure). */
@FunctionalInterface
public interface SubmitCallback {
    /** {@code result} is the very object {@link StateMachine#doOp} returned on this server when OK, else null. */
    void done(RsmErr err, Object result);
}
