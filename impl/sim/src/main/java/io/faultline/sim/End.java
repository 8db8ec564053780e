package io.faultline.sim;

import java.util.function.Consumer;

/**
 * A labrpc client end: a one-way channel from a caller to one server name, with an enabled flag.
 * New ends start disabled. Group servers and {@link Client}s manage their ends themselves; use
 * ends directly only for network-level tests.
 */
public final class End {
    final Network net;
    final long id;
    final String serverName;
    /** The caller's index in its group, or -1 for a client. */
    final int fromPeer;
    /** The context replies are delivered on; null for clients and raw ends (harness context). */
    final NodeContext owner;
    boolean enabled;
    boolean deleted;

    End(Network net, long id, String serverName, int fromPeer, NodeContext owner) {
        this.net = net;
        this.id = id;
        this.serverName = serverName;
        this.fromPeer = fromPeer;
        this.owner = owner;
    }

    public String serverName() {
        return serverName;
    }

    public boolean isEnabled() {
        return enabled && !deleted;
    }

    /** labrpc Enable(end, on). */
    public void enable(boolean on) {
        enabled = on;
    }

    /** Removes the end from the network; later calls behave like calls on a disabled end. */
    public void delete() {
        deleted = true;
    }

    /**
     * Starts a call; {@code onReply} runs later on the scheduler with the reply bytes or null.
     * {@code timeoutNanos} 0 means no caller-side timeout (labrpc has none).
     */
    public void call(String service, byte[] request, long timeoutNanos, Consumer<byte[]> onReply) {
        net.startCall(this, service, request, timeoutNanos, onReply);
    }

    /** Blocking call from a task: the reply bytes, or null on failure (labrpc {@code Call}). */
    public byte[] call(String service, byte[] request) {
        return net.sim.awaitResult(cb -> call(service, request, 0, cb));
    }

    @Override
    public String toString() {
        return "end#" + id + "->" + serverName + (isEnabled() ? "" : " (disabled)");
    }
}
