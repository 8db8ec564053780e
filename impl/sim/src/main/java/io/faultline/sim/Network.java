package io.faultline.sim;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.core.runtime.Transport.RequestHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The simulated network, faithful to 6.5840's labrpc (spec §1.1) but in virtual time: ends with
 * enabled flags, servers by name, reliable/unreliable mode (0-26 ms delay, 10% request loss, 10%
 * reply loss), long delays for failed calls (U[0,7000) ms instead of U[0,100)), long reordering
 * (2/3 of replies delayed 200 + U[0,U[0,2000]] ms). A killed or replaced server never reports
 * success. The caller's end and the modes are sampled once, when a call enters the network.
 *
 * <p>Counters: {@link #rpcTotal()} counts every call entering the network; {@link #bytesTotal()}
 * adds request bytes always and reply bytes only when a reply is delivered;
 * {@link #rpcCount(String)} counts requests that reached dispatch on the currently registered
 * server object of that name (a restarted server starts again at 0, as in labrpc).
 */
public final class Network {
    static final long MS = 1_000_000L;
    static final long POLL_NANOS = 100 * MS;

    final Simulation sim;
    private final Rng rng;
    private boolean reliable = true;
    private boolean longDelays;
    private boolean longReordering;
    private long rpcTotal;
    private long bytesTotal;
    private long endIds;
    /** Looked up only, never iterated. */
    private final Map<String, SimServer> servers = new HashMap<>();

    Network(Simulation sim, Rng rng) {
        this.sim = sim;
        this.rng = rng;
    }

    public void setReliable(boolean on) {
        reliable = on;
    }

    public boolean isReliable() {
        return reliable;
    }

    public void setLongDelays(boolean on) {
        longDelays = on;
    }

    public boolean isLongDelays() {
        return longDelays;
    }

    public void setLongReordering(boolean on) {
        longReordering = on;
    }

    public boolean isLongReordering() {
        return longReordering;
    }

    /** Calls that entered the network. */
    public long rpcTotal() {
        return rpcTotal;
    }

    /** Request bytes of every call, plus reply bytes of delivered replies. */
    public long bytesTotal() {
        return bytesTotal;
    }

    /** Requests that reached dispatch on the server currently registered as {@code serverName}. */
    public long rpcCount(String serverName) {
        SimServer s = servers.get(serverName);
        return s == null ? 0 : s.count;
    }

    /** A new disabled end toward {@code serverName}, whose replies run on the harness context. */
    public End makeEnd(String serverName) {
        return makeEnd(serverName, -1, null);
    }

    /**
     * Registers a standalone server (its handlers run on the harness context) under {@code name},
     * replacing any earlier server of that name.
     */
    public SimServer addServer(String name) {
        return addServer(name, sim.newContext(name));
    }

    /** labrpc DeleteServer: in-flight and future calls to {@code name} fail. */
    public void deleteServer(String name) {
        servers.remove(name);
    }

    /** The server currently registered as {@code name}, or null. */
    public SimServer server(String name) {
        return servers.get(name);
    }

    End makeEnd(String serverName, int fromPeer, NodeContext owner) {
        Check.notNull(serverName, "serverName");
        return new End(this, ++endIds, serverName, fromPeer, owner);
    }

    SimServer addServer(String name, NodeContext ctx) {
        Check.notNull(name, "name");
        SimServer s = new SimServer(name, ctx);
        servers.put(name, s);
        return s;
    }

    /** Resumes a paused context: its deferred events and waiting requests run from now on. */
    void resume(NodeContext ctx) {
        ctx.paused = false;
        java.util.List<Event> events = new java.util.ArrayList<>(ctx.deferred);
        ctx.deferred.clear();
        sim.requeue(events);
        for (RpcCall call : ctx.pausedCalls) {
            sim.schedule(0, Event.DISPATCH, null, () -> dispatch(call)).call = call;
        }
        ctx.pausedCalls.clear();
    }

    /** A context died while paused: the requests waiting for it fail. */
    void failPausedCalls(NodeContext ctx) {
        for (RpcCall call : ctx.pausedCalls) {
            complete(call, null);
        }
        ctx.pausedCalls.clear();
        ctx.deferred.clear();
    }

    /** Removes {@code s} only if it is still the registered server of its name. */
    void deleteIfCurrent(SimServer s) {
        if (servers.get(s.name) == s) {
            servers.remove(s.name);
        }
    }

    void startCall(End end, String service, byte[] request, long timeoutNanos, Consumer<byte[]> onReply) {
        Check.notNull(service, "service");
        Check.notNull(request, "request");
        Check.notNull(onReply, "onReply");
        if (timeoutNanos < 0) {
            Check.that(false, "negative timeout %s ns", timeoutNanos);
        }
        RpcCall call = new RpcCall(end, service, request.clone(), onReply);
        rpcTotal++;
        bytesTotal += request.length;
        boolean enabled = end.enabled && !end.deleted;
        SimServer server = servers.get(end.serverName);
        call.server = server;
        call.reliable = reliable;
        call.longReordering = longReordering;
        if (timeoutNanos > 0) {
            call.timeout = sim.schedule(timeoutNanos, Event.TIMEOUT, null, () -> complete(call, null));
            call.timeout.call = call;
        }
        if (enabled && server != null) {
            long delayNanos = 0;
            if (!call.reliable) {
                delayNanos = rng.nextInt(27) * MS;
                if (rng.nextInt(1000) < 100) {
                    sim.schedule(delayNanos, Event.DELIVER, null, () -> complete(call, null)).call = call;
                    return;
                }
            }
            Event e = sim.schedule(delayNanos, Event.DISPATCH, null, () -> dispatch(call));
            e.call = call;
            e.traceData = Simulation.hashBytes(call.request) ^ service.hashCode();
        } else {
            long ms = longDelays ? rng.nextInt(7000) : rng.nextInt(100);
            sim.schedule(ms * MS, Event.DELIVER, null, () -> complete(call, null)).call = call;
        }
    }

    private boolean serverDead(RpcCall call) {
        End end = call.end;
        return !end.enabled || end.deleted || servers.get(end.serverName) != call.server;
    }

    private void dispatch(RpcCall call) {
        SimServer server = call.server;
        if (!server.ctx.alive) {
            // the sampled incarnation crashed meanwhile: its handlers never run again
            complete(call, null);
            return;
        }
        if (server.ctx.paused) {
            Check.that(server.ctx.pausedCalls.size() < sim.options().pendingEventsMax(),
                    "too many requests waiting for paused %s", server.ctx.name);
            server.ctx.pausedCalls.add(call);
            // as for a handler that does not return: labrpc keeps checking the server and the end
            sim.schedule(POLL_NANOS, Event.REPLY_POLL, null, () -> poll(call)).call = call;
            return;
        }
        RequestHandler handler = server.handlers.get(call.service);
        if (handler == null) {
            sim.fail("unknown service '" + call.service + "' on " + server.name);
        }
        server.count++;
        try {
            handler.handle(call.end.fromPeer, call.request, reply -> onServerReply(call, reply));
        } catch (SimulationFailure f) {
            throw f;
        } catch (RuntimeException | Error ex) {
            throw sim.recordFailure("node " + server.ctx.name + " handler for " + call.service + " threw " + ex, ex);
        }
        if (!call.replied) {
            sim.schedule(POLL_NANOS, Event.REPLY_POLL, null, () -> poll(call)).call = call;
        }
    }

    /** labrpc checks every 100 ms whether the server died or the end was disabled. */
    private void poll(RpcCall call) {
        if (call.done || call.replied) {
            return;
        }
        if (serverDead(call)) {
            complete(call, null);
        } else {
            sim.schedule(POLL_NANOS, Event.REPLY_POLL, null, () -> poll(call)).call = call;
        }
    }

    private void onServerReply(RpcCall call, byte[] reply) {
        Check.notNull(reply, "reply");
        Check.that(!call.replied, "request %s answered twice", call.service);
        call.replied = true;
        if (call.done) {
            return;
        }
        if (serverDead(call)) {
            complete(call, null);
        } else if (!call.reliable && rng.nextInt(1000) < 100) {
            complete(call, null);
        } else if (call.longReordering && rng.nextInt(900) < 600) {
            bytesTotal += reply.length;
            long ms = 200 + rng.nextInt(1 + rng.nextInt(2000));
            byte[] copy = reply.clone();
            sim.schedule(ms * MS, Event.DELIVER, null, () -> complete(call, copy)).call = call;
        } else {
            bytesTotal += reply.length;
            complete(call, reply.clone());
        }
    }

    private void complete(RpcCall call, byte[] result) {
        if (call.done) {
            return;
        }
        call.done = true;
        call.ok = result != null;
        if (call.timeout != null) {
            call.timeout.cancelled = true;
        }
        Event e = sim.schedule(0, Event.DELIVER, call.end.owner, () -> call.onReply.accept(result));
        e.call = call;
        e.traceData = Simulation.hashBytes(result);
    }
}
