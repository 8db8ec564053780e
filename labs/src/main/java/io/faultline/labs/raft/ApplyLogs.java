package io.faultline.labs.raft;

import io.faultline.core.Check;
import java.util.Arrays;

/**
 * The harness's view of what every server applied: the current {@link ServerLog} of each server,
 * the first apply error, and a hash over every apply (for determinism checks). Synchronized so a
 * real runtime may feed it from several threads; on the simulator it is uncontended.
 */
public final class ApplyLogs {
    private final ServerLog[] current;
    private String firstError;
    private long maxIndex;
    private long appliesTotal;
    private long traceHash = 0x243F6A8885A308D3L;

    public ApplyLogs(int servers) {
        Check.inRange(servers, 1, 99, "servers");
        current = new ServerLog[servers];
        for (int i = 0; i < servers; i++) {
            current[i] = new ServerLog(i);
        }
    }

    public int servers() {
        return current.length;
    }

    /** A new, empty log for a new incarnation of {@code server}; it becomes the current one. */
    public synchronized ServerLog newIncarnation(int server) {
        ServerLog log = new ServerLog(server);
        current[server] = log;
        return log;
    }

    /**
     * Records that {@code me} applied {@code command} at {@code index} (the Go harness's
     * {@code checkLogs} plus the applier's order check). Returns an error message or null.
     */
    synchronized String recordCommand(ServerLog me, long index, byte[] command) {
        String error = null;
        for (int j = 0; j < current.length; j++) {
            ServerLog other = current[j];
            if (other.has(index) && !Arrays.equals(other.get(index), command)) {
                error = String.format("commit index=%d server=%d %s != server=%d %s",
                        index, me.server(), Cmd.show(command), j, Cmd.show(other.get(index)));
            }
        }
        boolean previousApplied = me.has(index - 1);
        me.put(index, command);
        maxIndex = Math.max(maxIndex, index);
        appliesTotal++;
        mix(me.server(), index, Arrays.hashCode(command));
        if (index > 1 && !previousApplied) {
            error = String.format("server %d apply out of order %d", me.server(), index);
        }
        return error;
    }

    synchronized void recordSnapshot(ServerLog me, long index, byte[][] commands) {
        me.replaceAll(commands);
        me.setLastApplied(index);
        mix(me.server(), -index, commands.length);
    }

    /** Keeps the first apply error; the tester fails the test when it next looks. */
    public synchronized void reportError(String error) {
        if (firstError == null) {
            firstError = error;
        }
    }

    /** The first apply error, or null. */
    public synchronized String error() {
        return firstError;
    }

    /** How many current servers applied {@code index}, and what (the Go {@code nCommitted}). */
    public synchronized Committed committed(long index) {
        int count = 0;
        byte[] command = null;
        for (ServerLog log : current) {
            if (log.has(index)) {
                byte[] c = log.get(index);
                if (count > 0 && !Arrays.equals(command, c)) {
                    return new Committed(count, command, String.format(
                            "committed values at index %d do not match (%s != %s)",
                            index, Cmd.show(command), Cmd.show(c)));
                }
                count++;
                command = c;
            }
        }
        return new Committed(count, command, null);
    }

    public synchronized long maxIndex() {
        return maxIndex;
    }

    public synchronized long appliesTotal() {
        return appliesTotal;
    }

    /** A hash over every apply in order, with server and index. */
    public synchronized long traceHash() {
        return traceHash;
    }

    private void mix(int server, long index, int commandHash) {
        long h = traceHash ^ (server * 0x9E3779B97F4A7C15L) ^ (index * 0xC2B2AE3D27D4EB4FL) ^ commandHash;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
        traceHash = h ^ (h >>> 29);
    }

    /**
     * The answer of {@link #committed}: {@code count} servers applied {@code command};
     * {@code mismatch} is non-null when two servers applied different commands.
     */
    public record Committed(int count, byte[] command, String mismatch) {}
}
