package io.faultline.kvsrv;

/**
 * How a blocking clerk reaches servers: the simulator's test client through an adapter, or a
 * real RPC client. {@link #call} blocks and returns the reply, or null when the call failed (lost
 * request or reply, server down or unreachable).
 */
public interface ClerkTransport {
    byte[] call(String server, String service, byte[] request);

    /** Blocks the calling clerk for {@code ms} (virtual time on the simulator). */
    void sleepMs(long ms);
}
