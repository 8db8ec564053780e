package io.faultline.mapreduce.rpc;

/** The coordinator's listening endpoint. Requests are handed to the handler one at a time. */
public interface MrServer extends AutoCloseable {
    /** Serves one request; returns the reply bytes, or null to send no reply. */
    @FunctionalInterface
    interface Handler {
        byte[] handle(String service, byte[] request);
    }

    /** The port actually bound (useful when 0 was asked for). */
    int port();

    @Override
    void close();
}
