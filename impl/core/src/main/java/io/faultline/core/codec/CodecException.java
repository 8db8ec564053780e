package io.faultline.core.codec;

/** Malformed, truncated or corrupt encoded data. The message says what and where. */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }
}
