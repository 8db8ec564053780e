package io.faultline.core.runtime;

import java.util.function.Consumer;

/**
 * Request/reply RPC between the nodes of one group, in the style of 6.5840's labrpc: a call
 * either yields the reply bytes or fails ({@code null}), and a failed call may or may not have
 * executed on the remote side.
 */
public interface Transport {
    /**
     * Calls {@code service} on node {@code peer}. {@code onReply} runs exactly once, later, on this
     * node's context: with the reply bytes, or with {@code null} when the request or reply was lost,
     * the peer is down or unreachable, or no reply came within {@code timeoutNanos}.
     */
    void call(int peer, String service, byte[] request, long timeoutNanos, Consumer<byte[]> onReply);

    /** Serves requests for {@code service} on this node; one handler per service. */
    void serve(String service, RequestHandler handler);

    /** Handles one incoming request. */
    @FunctionalInterface
    interface RequestHandler {
        /**
         * {@code fromPeer} is the caller's node id, or -1 for a client that is not a group member.
         * The handler may reply at once or later (for example after persisting), at most once; a
         * request never replied to looks like a lost reply to the caller.
         */
        void handle(int fromPeer, byte[] request, Responder responder);
    }

    /** The way back to the caller of one request. */
    @FunctionalInterface
    interface Responder {
        void reply(byte[] reply);
    }
}
