package io.faultline.mapreduce.rpc;

import java.io.IOException;

/** A call that got no reply: the coordinator is unreachable, went away, or did not answer in time. */
public final class RpcException extends IOException {
    private static final long serialVersionUID = 1L;

    public RpcException(String message) {
        super(message);
    }
}
