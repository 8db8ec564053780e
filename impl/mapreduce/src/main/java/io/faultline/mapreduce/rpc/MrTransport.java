package io.faultline.mapreduce.rpc;

import java.io.IOException;

/** Makes servers and clients for the coordinator protocol (TCP on loopback). */
public interface MrTransport extends AutoCloseable {
    /** Binds {@code host:port} (port 0 picks one) and serves requests with {@code handler}. */
    MrServer listen(String host, int port, MrServer.Handler handler) throws IOException;

    /** A client for the coordinator at {@code host:port}; connects lazily, on the first call. */
    MrClient client(String host, int port);

    @Override
    void close();
}
