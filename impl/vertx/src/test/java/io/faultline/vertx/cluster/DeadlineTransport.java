package io.faultline.vertx.cluster;

import io.faultline.kvsrv.ClerkTransport;

/**
 * Bounds one clerk operation in wall-clock time: the kv clerks retry forever, so once the current
 * operation's deadline has passed, {@link #call} throws {@link GaveUp} instead of calling again.
 * One instance per client thread.
 */
final class DeadlineTransport implements ClerkTransport {
    /** The operation's deadline passed; it may or may not have taken effect. */
    static final class GaveUp extends RuntimeException {
        GaveUp(String message) {
            super(message, null, false, false);
        }
    }

    private final ClerkTransport inner;
    private long deadlineNanos = Long.MAX_VALUE;

    DeadlineTransport(ClerkTransport inner) {
        this.inner = inner;
    }

    /** Starts an operation that may take {@code ms} at most. */
    void startOp(long ms) {
        deadlineNanos = System.nanoTime() + ms * 1_000_000L;
    }

    @Override
    public byte[] call(String server, String service, byte[] request) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new GaveUp("deadline passed");
        }
        return inner.call(server, service, request);
    }

    @Override
    public void sleepMs(long ms) {
        inner.sleepMs(ms);
    }
}
