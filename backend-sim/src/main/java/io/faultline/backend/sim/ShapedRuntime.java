package io.faultline.backend.sim;

import io.faultline.core.Rng;
import io.faultline.core.runtime.Clock;
import io.faultline.core.runtime.Runtime;
import io.faultline.core.runtime.Storage;
import io.faultline.core.runtime.Transport;
import io.faultline.sim.SimulationFailure;
import java.util.function.Consumer;

/**
 * A node incarnation's {@link Runtime} with the fault backend's {@link Links} applied to its
 * outgoing calls: a request is dropped when the callee does not hear from this node (grudge) or
 * by the callee's loss draw, a reply when this node does not hear from the callee or by this
 * node's loss draw; requests wait the callee's delay and replies this node's delay. A dropped call
 * fails after U[0, 100) ms (capped by its timeout), as labrpc fails a call on a disabled end.
 * With no faults set it adds no events and draws no random numbers, so the run is the same as on
 * the bare runtime.
 *
 * <p>It also stands in for the process boundary: an exception escaping one of the node's callbacks
 * (timer, request handler, reply, sync completion) is passed to {@code onFatal} (which crashes the
 * node, as a node process exits on a fatal error) instead of failing the whole simulation; from
 * then on none of this incarnation's callbacks run. The simulator's own failures still propagate.
 */
final class ShapedRuntime implements Runtime {
    private final Runtime inner;
    private final Links links;
    private final Transport transport;
    private final Clock clock;
    private final Storage storage;
    private final Consumer<Throwable> onFatal;
    private boolean dead;

    /** @param onFatal told once when a callback of this incarnation throws; null: let it fail the simulation */
    ShapedRuntime(Runtime inner, Links links, Consumer<Throwable> onFatal) {
        this.inner = inner;
        this.links = links;
        this.onFatal = onFatal;
        this.transport = new ShapedTransport();
        this.clock = onFatal == null ? inner.clock() : new GuardedClock();
        this.storage = onFatal == null ? inner.storage() : new GuardedStorage();
    }

    ShapedRuntime(Runtime inner, Links links) {
        this(inner, links, null);
    }

    /** Whether a callback of this incarnation threw (it runs no more callbacks). */
    boolean isDead() {
        return dead;
    }

    private void guarded(Runnable callback) {
        if (dead) {
            return;
        }
        if (onFatal == null) {
            callback.run();
            return;
        }
        try {
            callback.run();
        } catch (SimulationFailure f) {
            throw f;
        } catch (RuntimeException | Error e) {
            dead = true;
            onFatal.accept(e);
        }
    }

    private <T> Consumer<T> guarded(Consumer<T> callback) {
        return v -> guarded(() -> callback.accept(v));
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

    private final class ShapedTransport implements Transport {
        @Override
        public void call(int peer, String service, byte[] request, long timeoutNanos, Consumer<byte[]> replyTo) {
            if (dead) {
                return;
            }
            Consumer<byte[]> onReply = onFatal == null ? replyTo : guarded(replyTo);
            int self = inner.nodeId();
            if (peer < 0 || peer >= links.size() || peer == self) {
                inner.transport().call(peer, service, request, timeoutNanos, onReply);
                return;
            }
            if (links.drops(self, peer)) {
                long failAfter = links.failureDelayNanos();
                if (timeoutNanos > 0) {
                    failAfter = Math.min(failAfter, timeoutNanos);
                }
                inner.clock().setTimer(failAfter, () -> onReply.accept(null));
                return;
            }
            long delay = links.delayNanos(peer);
            if (delay == 0) {
                send(self, peer, service, request, timeoutNanos, onReply);
                return;
            }
            if (timeoutNanos > 0 && delay >= timeoutNanos) {
                inner.clock().setTimer(timeoutNanos, () -> onReply.accept(null));
                return;
            }
            long remaining = timeoutNanos > 0 ? timeoutNanos - delay : 0;
            inner.clock().setTimer(delay, () -> send(self, peer, service, request, remaining, onReply));
        }

        private void send(int self, int peer, String service, byte[] request, long timeoutNanos,
                Consumer<byte[]> onReply) {
            if (dead) {
                return;
            }
            inner.transport().call(peer, service, request, timeoutNanos, reply -> {
                if (reply == null || links.drops(peer, self)) {
                    onReply.accept(null);
                    return;
                }
                long back = links.delayNanos(self);
                if (back == 0) {
                    onReply.accept(reply);
                } else {
                    inner.clock().setTimer(back, () -> onReply.accept(reply));
                }
            });
        }

        @Override
        public void serve(String service, RequestHandler handler) {
            if (onFatal == null) {
                inner.transport().serve(service, handler);
                return;
            }
            inner.transport().serve(service, (from, request, responder) -> guarded(() -> handler.handle(from, request, responder)));
        }
    }

    private final class GuardedClock implements Clock {
        @Override
        public long nowNanos() {
            return inner.clock().nowNanos();
        }

        @Override
        public long setTimer(long delayNanos, Runnable callback) {
            return inner.clock().setTimer(delayNanos, () -> guarded(callback));
        }

        @Override
        public void cancelTimer(long timerId) {
            inner.clock().cancelTimer(timerId);
        }
    }

    private final class GuardedStorage implements Storage {
        private final Storage s = inner.storage();

        @Override
        public byte[] read(String name) {
            return s.read(name);
        }

        @Override
        public void write(String name, byte[] bytes) {
            s.write(name, bytes);
        }

        @Override
        public void append(String name, byte[] bytes) {
            s.append(name, bytes);
        }

        @Override
        public void truncate(String name, long sizeBytes) {
            s.truncate(name, sizeBytes);
        }

        @Override
        public void delete(String name) {
            s.delete(name);
        }

        @Override
        public long sizeBytes(String name) {
            return s.sizeBytes(name);
        }

        @Override
        public java.util.List<String> list() {
            return s.list();
        }

        @Override
        public void sync(Runnable onDurable) {
            s.sync(() -> guarded(onDurable));
        }
    }
}
