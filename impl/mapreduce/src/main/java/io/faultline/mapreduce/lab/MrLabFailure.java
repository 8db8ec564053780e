package io.faultline.mapreduce.lab;

/** A MapReduce lab test failed one of its checks. */
public final class MrLabFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MrLabFailure(String message) {
        super(message);
    }
}
