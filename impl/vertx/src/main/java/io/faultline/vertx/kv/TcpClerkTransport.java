package io.faultline.vertx.kv;

import io.faultline.core.Check;
import io.faultline.kvsrv.ClerkTransport;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.net.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kv clerks' {@link ClerkTransport} over TCP: {@code call(server, ...)} is a blocking
 * {@link RpcClient#call} to the server's endpoint with a per-call timeout (a refused, lost or
 * timed-out call is null, as the clerks expect); {@code sleepMs} is {@link Thread#sleep}.
 * Server names are {@link #serverNames()}: {@code "0".."n-1"}, index i being {@code peers[i]}.
 *
 * <pre>{@code
 * try (RpcClient rpc = RpcClient.open("127.0.0.50")) {
 *     TcpClerkTransport t = new TcpClerkTransport(rpc, peers, Duration.ofSeconds(1));
 *     KvClerk clerk = new KvRaftClerk(t, t.serverNames());   // or new Clerk(t, "0") for kvsrv
 *     clerk.put("k", "v", 0);
 * }
 * }</pre>
 *
 * Thread-safe (RpcClient is); one instance can serve many clerks on different threads. The clerks
 * retry forever: a caller that needs a bound on one operation wraps this transport and throws from
 * {@code call} once its deadline has passed (as {@code KvRaftProcessesIT} does).
 */
public final class TcpClerkTransport implements ClerkTransport {
    private final RpcClient rpc;
    private final Map<String, Endpoint> servers = new LinkedHashMap<>();
    private final Duration callTimeout;

    public TcpClerkTransport(RpcClient rpc, List<Endpoint> peers, Duration callTimeout) {
        Check.notNull(rpc, "rpc");
        Check.that(peers != null && !peers.isEmpty(), "a clerk transport needs at least one server");
        Check.that(!callTimeout.isNegative() && !callTimeout.isZero(), "callTimeout must be positive, was %s", callTimeout);
        this.rpc = rpc;
        this.callTimeout = callTimeout;
        for (int i = 0; i < peers.size(); i++) {
            servers.put(String.valueOf(i), peers.get(i));
        }
    }

    /** The server names to give a clerk: {@code "0".."n-1"}. */
    public String[] serverNames() {
        return servers.keySet().toArray(new String[0]);
    }

    /** Every server's name and endpoint, in index order. */
    public Map<String, Endpoint> servers() {
        return Collections.unmodifiableMap(servers);
    }

    /** The names of the servers with the given indexes (for a clerk that should see only some). */
    public String[] names(int... indexes) {
        List<String> out = new ArrayList<>();
        for (int i : indexes) {
            Check.that(servers.containsKey(String.valueOf(i)), "no server %s", i);
            out.add(String.valueOf(i));
        }
        return out.toArray(new String[0]);
    }

    @Override
    public byte[] call(String server, String service, byte[] request) {
        Endpoint to = servers.get(server);
        Check.that(to != null, "unknown server '%s' (known: %s)", server, servers.keySet());
        return rpc.call(to, service, request, callTimeout);
    }

    @Override
    public void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("clerk interrupted while pausing", e);
        }
    }
}
