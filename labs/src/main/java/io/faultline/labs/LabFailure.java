package io.faultline.labs;

/** A lab test failed: an assertion of the scenario or the harness did not hold. */
public final class LabFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LabFailure(String message) {
        super(message);
    }
}
