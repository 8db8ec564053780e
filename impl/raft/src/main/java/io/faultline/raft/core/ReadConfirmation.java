package io.faultline.raft.core;

/**
 * The end of one ReadIndex read: confirmed at {@code index} (the service may read once it has
 * applied through it), or failed ({@code index == }{@link #FAILED}: leadership lost or not confirmed in time).
 */
public record ReadConfirmation(long ctx, long index) {
    public static final long FAILED = -1;

    public boolean failed() {
        return index == FAILED;
    }
}
