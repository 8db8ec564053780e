package io.faultline.labs.sim;

import io.faultline.core.Rng;
import io.faultline.core.runtime.Clock;
import io.faultline.core.runtime.Runtime;
import io.faultline.core.runtime.Storage;
import io.faultline.core.runtime.Transport;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Runtime} that runs {@code afterEachCallback} after every callback the node receives
 * (timers, replies, requests, sync completions). It adds no events and changes no timing, so a run
 * stays the same function of its seed; the harness uses it to look at a node's state after every
 * step, whatever Raft implementation is under test.
 */
final class WatchedRuntime implements Runtime {
    private final Runtime inner;
    private final Runnable afterEachCallback;
    private final Clock clock;
    private final Transport transport;
    private final Storage storage;

    WatchedRuntime(Runtime inner, Runnable afterEachCallback) {
        this.inner = inner;
        this.afterEachCallback = afterEachCallback;
        this.clock = new WatchedClock();
        this.transport = new WatchedTransport();
        this.storage = new WatchedStorage();
    }

    private Runnable watched(Runnable callback) {
        return () -> {
            callback.run();
            afterEachCallback.run();
        };
    }

    @Override
    public int nodeId() {
        return inner.nodeId();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Rng random() {
        return inner.random();
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    private final class WatchedClock implements Clock {
        @Override
        public long nowNanos() {
            return inner.clock().nowNanos();
        }

        @Override
        public long setTimer(long delayNanos, Runnable callback) {
            return inner.clock().setTimer(delayNanos, watched(callback));
        }

        @Override
        public void cancelTimer(long timerId) {
            inner.clock().cancelTimer(timerId);
        }
    }

    private final class WatchedTransport implements Transport {
        @Override
        public void call(int peer, String service, byte[] request, long timeoutNanos, Consumer<byte[]> onReply) {
            inner.transport().call(peer, service, request, timeoutNanos, reply -> {
                onReply.accept(reply);
                afterEachCallback.run();
            });
        }

        @Override
        public void serve(String service, RequestHandler handler) {
            inner.transport().serve(service, (fromPeer, request, responder) -> {
                handler.handle(fromPeer, request, responder);
                afterEachCallback.run();
            });
        }
    }

    private final class WatchedStorage implements Storage {
        private Storage s() {
            return inner.storage();
        }

        @Override
        public byte[] read(String name) {
            return s().read(name);
        }

        @Override
        public void write(String name, byte[] bytes) {
            s().write(name, bytes);
        }

        @Override
        public void append(String name, byte[] bytes) {
            s().append(name, bytes);
        }

        @Override
        public void truncate(String name, long sizeBytes) {
            s().truncate(name, sizeBytes);
        }

        @Override
        public void delete(String name) {
            s().delete(name);
        }

        @Override
        public long sizeBytes(String name) {
            return s().sizeBytes(name);
        }

        @Override
        public List<String> list() {
            return s().list();
        }

        @Override
        public void sync(Runnable onDurable) {
            s().sync(watched(onDurable));
        }
    }
}
