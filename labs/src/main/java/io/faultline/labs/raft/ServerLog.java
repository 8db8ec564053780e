package io.faultline.labs.raft;

import java.util.HashMap;
import java.util.Map;

/**
 * What one incarnation of one server has applied (index to command), as the Go harness keeps
 * in {@code rfsrv.logs}. A restart starts a new, empty one. Only looked up by index, never
 * iterated, so the hash map's order cannot reach behaviour.
 */
public final class ServerLog {
    private final int server;
    private final Map<Long, byte[]> entries = new HashMap<>();
    private long lastApplied;

    ServerLog(int server) {
        this.server = server;
    }

    public int server() {
        return server;
    }

    /** True if this incarnation applied (or ingested from a snapshot) {@code index}. */
    public boolean has(long index) {
        return entries.containsKey(index);
    }

    /** The command applied at {@code index}, or null (also null for the empty slot 0). */
    public byte[] get(long index) {
        return entries.get(index);
    }

    void put(long index, byte[] command) {
        entries.put(index, command);
    }

    long lastApplied() {
        return lastApplied;
    }

    void setLastApplied(long index) {
        lastApplied = index;
    }

    void replaceAll(byte[][] commands) {
        entries.clear();
        for (int j = 0; j < commands.length; j++) {
            entries.put((long) j, commands[j]);
        }
    }
}
