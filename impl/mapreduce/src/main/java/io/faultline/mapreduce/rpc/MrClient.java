package io.faultline.mapreduce.rpc;

/** A worker's blocking line to the coordinator. */
public interface MrClient extends AutoCloseable {
    /** Calls {@code service}; returns the reply bytes or throws when no reply came within {@code timeoutMs}. */
    byte[] call(String service, byte[] request, long timeoutMs) throws RpcException;

    @Override
    void close();
}
