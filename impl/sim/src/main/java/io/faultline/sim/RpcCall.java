package io.faultline.sim;

import java.util.function.Consumer;

/** The state of one call in flight. Internal. */
final class RpcCall {
    final End end;
    final String service;
    final byte[] request;
    final Consumer<byte[]> onReply;
    /** The server sampled when the call entered the network (null if none). */
    SimServer server;
    boolean reliable;
    boolean longReordering;
    /** The handler replied (or the call was abandoned server side). */
    boolean replied;
    /** The caller's outcome is decided; later outcomes are ignored. */
    boolean done;
    /** The caller's outcome was a reply (set when {@link #done} is decided). */
    boolean ok;
    Event timeout;

    RpcCall(End end, String service, byte[] request, Consumer<byte[]> onReply) {
        this.end = end;
        this.service = service;
        this.request = request;
        this.onReply = onReply;
    }
}
