package io.faultline.sim;

import io.faultline.core.Check;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A test client (6.5840 tester1 Clnt, spec §1.3): one lazily created end per server name, enabled
 * only if the server is allowed. Blocking {@link #call(String, String, byte[])} from tasks; replies
 * of {@link #callAsync} run on the harness context. Client calls arrive with {@code fromPeer = -1}.
 */
public final class Client {
    private final Simulation sim;
    private final Map<String, End> ends = new LinkedHashMap<>();
    private boolean allowAll;
    private final TreeSet<String> allowed = new TreeSet<>();
    private final TreeSet<String> denied = new TreeSet<>();
    private boolean deleted;

    Client(Simulation sim, Collection<String> allowedOrNull) {
        this.sim = sim;
        if (allowedOrNull == null) {
            allowAll = true;
        } else {
            allowed.addAll(allowedOrNull);
        }
    }

    private boolean allows(String serverName) {
        return allowAll ? !denied.contains(serverName) : allowed.contains(serverName);
    }

    private End end(String serverName) {
        Check.notNull(serverName, "serverName");
        End e = ends.get(serverName);
        if (e == null) {
            e = sim.network().makeEnd(serverName, -1, null);
            e.enable(allows(serverName));
            if (deleted) {
                e.delete();
            }
            ends.put(serverName, e);
        }
        return e;
    }

    private void refresh() {
        for (Map.Entry<String, End> e : ends.entrySet()) {
            e.getValue().enable(allows(e.getKey()));
        }
    }

    /**
     * Calls {@code service} on {@code serverName} and blocks the calling task until the reply
     * (returned) or a failure (null). Only from a task.
     */
    public byte[] call(String serverName, String service, byte[] request) {
        return call(serverName, service, request, 0);
    }

    /** As {@link #call(String, String, byte[])} but also failing after {@code timeoutNanos} (0: none). */
    public byte[] call(String serverName, String service, byte[] request, long timeoutNanos) {
        sim.requireTask("Client.call");
        End e = end(serverName);
        return sim.awaitResult(cb -> e.call(service, request, timeoutNanos, cb));
    }

    /** Starts a call; {@code onReply} runs later on the harness context with the reply or null. */
    public void callAsync(String serverName, String service, byte[] request, long timeoutNanos,
            Consumer<byte[]> onReply) {
        end(serverName).call(service, request, timeoutNanos, onReply);
    }

    /** Enables every end and lifts the restriction. */
    public void connectAll() {
        allowAll = true;
        denied.clear();
        refresh();
    }

    /** Disables every end; ends made later are disabled too. */
    public void disconnectAll() {
        allowAll = false;
        allowed.clear();
        refresh();
    }

    /** Allows and enables the named servers. */
    public void connectTo(String... serverNames) {
        for (String s : serverNames) {
            allowed.add(s);
            denied.remove(s);
        }
        refresh();
    }

    /** Disallows and disables the named server. */
    public void disconnect(String serverName) {
        allowed.remove(serverName);
        denied.add(serverName);
        refresh();
    }

    /** DeleteClient: deletes the client's ends; later calls behave like calls on disabled ends. */
    public void delete() {
        deleted = true;
        for (End e : ends.values()) {
            e.delete();
        }
    }
}
