package io.faultline.sim;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.core.runtime.Clock;
import io.faultline.core.runtime.Runtime;
import io.faultline.core.runtime.Storage;
import io.faultline.core.runtime.Transport;
import java.util.function.Consumer;

/**
 * The {@link Runtime} of one group server incarnation. Every callback runs later on the scheduler
 * and only while the incarnation is alive. Internal; users see it as a {@link Runtime}.
 */
final class SimNodeRuntime implements Runtime, Clock, Transport {
    private final Simulation sim;
    final NodeContext ctx;
    private final int nodeId;
    final End[] ends;
    final SimServer server;
    final SimStorage storage;

    SimNodeRuntime(Simulation sim, NodeContext ctx, int nodeId, End[] ends, SimServer server, SimStorage storage) {
        this.sim = sim;
        this.ctx = ctx;
        this.nodeId = nodeId;
        this.ends = ends;
        this.server = server;
        this.storage = storage;
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public Clock clock() {
        return this;
    }

    @Override
    public Rng random() {
        return ctx.rng;
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public Transport transport() {
        return this;
    }

    @Override
    public long nowNanos() {
        return sim.nowNanos() + ctx.clockOffsetNanos;
    }

    @Override
    public long setTimer(long delayNanos, Runnable callback) {
        Check.notNull(callback, "callback");
        if (delayNanos < 0) {
            Check.that(false, "negative timer delay %s ns", delayNanos);
        }
        Event e = sim.schedule(delayNanos, Event.TIMER, ctx, callback);
        e.timerId = e.seq;
        if (ctx.alive) {
            ctx.timers.put(e.timerId, e);
        }
        return e.timerId;
    }

    @Override
    public void cancelTimer(long timerId) {
        Event e = ctx.timers.remove(timerId);
        if (e != null) {
            e.cancelled = true;
        }
    }

    @Override
    public void call(int peer, String service, byte[] request, long timeoutNanos, Consumer<byte[]> onReply) {
        Check.that(peer >= 0 && peer < ends.length, "peer %s out of range [0, %s)", peer, ends.length);
        ends[peer].call(service, request, timeoutNanos, onReply);
    }

    @Override
    public void serve(String service, RequestHandler handler) {
        server.serve(service, handler);
    }
}
