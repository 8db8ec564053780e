package io.faultline.sim;

import io.faultline.core.Check;
import io.faultline.core.runtime.Transport.RequestHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * A labrpc server registered on the network under a name: a table of services and an incoming
 * request count (requests that reached dispatch). Each group server incarnation has its own.
 */
public final class SimServer {
    final String name;
    final NodeContext ctx;
    /** Looked up only, never iterated. */
    final Map<String, RequestHandler> handlers = new HashMap<>();
    long count;

    SimServer(String name, NodeContext ctx) {
        this.name = name;
        this.ctx = ctx;
    }

    public String name() {
        return name;
    }

    /** Registers {@code handler} for {@code service}; one handler per service. */
    public void serve(String service, RequestHandler handler) {
        Check.notNull(service, "service");
        Check.notNull(handler, "handler");
        Check.that(!handlers.containsKey(service), "service %s already served on %s", service, name);
        handlers.put(service, handler);
    }

    /** Requests that reached dispatch on this server object. */
    public long rpcCount() {
        return count;
    }
}
