package io.faultline.backend.sim;

import io.faultline.core.Rng;
import io.faultline.core.runtime.Clock;
import io.faultline.core.runtime.Runtime;
import io.faultline.core.runtime.Storage;
import io.faultline.core.runtime.Transport;
import java.util.function.Consumer;

/**
 * A node incarnation's {@link Runtime} with the fault backend's {@link Links} applied to its
 * outgoing calls: a request is dropped when the callee does not hear from this node (grudge) or
 * by the callee's loss draw, a reply when this node does not hear from the callee or by this
 * node's loss draw; requests wait the callee's delay and replies this node's delay. A dropped call
 * fails after U[0, 100) ms (capped by its timeout), as labrpc fails a call on a disabled end.
 * With no faults set it adds no events and draws no random numbers, so the run is the same as on
 * the bare runtime.
 */
final class ShapedRuntime implements Runtime {
    private final Runtime inner;
    private final Links links;
    private final Transport transport;

    ShapedRuntime(Runtime inner, Links links) {
        this.inner = inner;
        this.links = links;
        this.transport = new ShapedTransport();
    }

    @Override
    public int nodeId() {
        return inner.nodeId();
    }

    @Override
    public Clock clock() {
        return inner.clock();
    }

    @Override
    public Rng random() {
        return inner.random();
    }

    @Override
    public Storage storage() {
        return inner.storage();
    }

    @Override
    public Transport transport() {
        return transport;
    }

    private final class ShapedTransport implements Transport {
        @Override
        public void call(int peer, String service, byte[] request, long timeoutNanos, Consumer<byte[]> onReply) {
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
            inner.transport().serve(service, handler);
        }
    }
}
