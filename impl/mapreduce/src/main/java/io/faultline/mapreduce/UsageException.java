package io.faultline.mapreduce;

/** Bad command-line input (exit code 2): a missing input file, an unknown app, a bad address. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
