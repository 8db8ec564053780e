package io.faultline.raft.testing;

import io.faultline.core.Rng;
import io.faultline.core.runtime.Clock;
import io.faultline.core.runtime.Runtime;
import io.faultline.core.runtime.Storage;
import io.faultline.core.runtime.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A hand-driven Runtime for one node: timers fire on {@link #advanceMillis}, calls are recorded. */
public final class FakeRuntime implements Runtime, Clock, Transport {
    public record Call(int peer, String service, byte[] request, Consumer<byte[]> onReply) {}

    private final int nodeId;
    private final Rng rng;
    public final MemStorage storage;
    public final List<Call> calls = new ArrayList<>();
    public final TreeMap<String, RequestHandler> handlers = new TreeMap<>();
    private final TreeMap<Long, Runnable> timers = new TreeMap<>(); // key: due * 2^20 + id
    private long nowNanos;
    private long nextId = 1;

    public FakeRuntime(int nodeId, long seed, MemStorage storage) {
        this.nodeId = nodeId;
        this.rng = new Rng(seed);
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
        return rng;
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
        return nowNanos;
    }

    @Override
    public long setTimer(long delayNanos, Runnable callback) {
        long id = nextId++;
        timers.put(((nowNanos + delayNanos) << 20) + id, callback);
        return id;
    }

    @Override
    public void cancelTimer(long timerId) {
        timers.keySet().removeIf(k -> (k & ((1L << 20) - 1)) == timerId);
    }

    /** Runs every timer due within {@code ms}, in order. */
    public void advanceMillis(long ms) {
        long until = nowNanos + ms * 1_000_000L;
        while (!timers.isEmpty() && (timers.firstKey() >> 20) <= until) {
            var e = timers.pollFirstEntry();
            nowNanos = Math.max(nowNanos, e.getKey() >> 20);
            e.getValue().run();
        }
        nowNanos = until;
    }

    public int pendingTimers() {
        return timers.size();
    }

    @Override
    public void call(int peer, String service, byte[] request, long timeoutNanos, Consumer<byte[]> onReply) {
        calls.add(new Call(peer, service, request, onReply));
    }

    @Override
    public void serve(String service, RequestHandler handler) {
        handlers.put(service, handler);
    }
}
