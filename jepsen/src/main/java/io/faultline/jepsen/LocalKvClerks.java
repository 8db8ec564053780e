package io.faultline.jepsen;

import io.faultline.core.Check;
import io.faultline.harness.KvClerks;
import io.faultline.kvraft.KvRaftClerk;
import io.faultline.kvsrv.Clerk;
import io.faultline.kvsrv.ClerkTransport;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.kv.TcpClerkTransport;
import io.faultline.vertx.net.Endpoint;
import java.time.Duration;
import java.util.List;

/**
 * Clerks of node processes over TCP ({@link TcpClerkTransport} on one {@link RpcClient} bound to
 * the run's client address, 127.0.B.{@value #CLIENT_LAST_OCTET}, outside the nodes' 127.0.B.10+
 * range so partitions between nodes never cut clients). Each clerk gets its own deadline wrapper: every get/put restarts the deadline, and a
 * transport call or retry pause past it throws {@link KvClerks.OpTimeoutException}. A kvraft clerk
 * tries its thread's preferred node first.
 */
final class LocalKvClerks implements KvClerks, AutoCloseable {
    static final int CLIENT_LAST_OCTET = 5;
    /** One RPC attempt's timeout (the clerk then tries the next server). */
    static final long CALL_TIMEOUT_MS = 500;

    private final RpcClient rpc;
    private final TcpClerkTransport tcp;
    private final String system;
    private final String variantLabel;
    private final List<String> nodeNames;

    LocalKvClerks(String clientHost, List<Endpoint> peers, List<String> nodeNames, String system, String variantLabel) {
        this.rpc = RpcClient.open(clientHost);
        this.tcp = new TcpClerkTransport(rpc, peers, Duration.ofMillis(CALL_TIMEOUT_MS));
        this.system = system;
        this.variantLabel = variantLabel;
        this.nodeNames = List.copyOf(nodeNames);
    }

    @Override
    public KvClerk open(int thread, String node, long opTimeoutMs) {
        Check.that(opTimeoutMs > 0, "opTimeoutMs must be > 0");
        Deadline t = new Deadline(tcp, opTimeoutMs);
        KvClerk inner;
        if (system.equals("kvsrv")) {
            Clerk.Variant v = Clerk.Variant.CORRECT;
            for (Clerk.Variant c : Clerk.Variant.values()) {
                if (c.label.equals(variantLabel)) {
                    v = c;
                }
            }
            inner = new Clerk(t, "0", v);
        } else {
            int first = Math.max(0, nodeNames.indexOf(node));
            String[] order = new String[nodeNames.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = String.valueOf((first + i) % order.length);
            }
            inner = new KvRaftClerk(t, order);
        }
        return new KvClerk() {
            @Override
            public GetResult get(String key) {
                t.restart();
                return inner.get(key);
            }

            @Override
            public Err put(String key, String value, long version) {
                t.restart();
                return inner.put(key, value, version);
            }
        };
    }

    @Override
    public void close() {
        rpc.close();
    }

    /** A clerk transport that gives up once the current call's deadline passed. */
    private static final class Deadline implements ClerkTransport {
        private final TcpClerkTransport tcp;
        private final long opTimeoutNs;
        private long deadlineNs;

        Deadline(TcpClerkTransport tcp, long opTimeoutMs) {
            this.tcp = tcp;
            this.opTimeoutNs = opTimeoutMs * 1_000_000L;
        }

        void restart() {
            deadlineNs = System.nanoTime() + opTimeoutNs;
        }

        private void check() {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new OpTimeoutException("no answer within " + opTimeoutNs / 1_000_000 + " ms");
            }
        }

        @Override
        public byte[] call(String server, String service, byte[] request) {
            check();
            byte[] reply = tcp.call(server, service, request);
            if (reply == null) {
                check();
            }
            return reply;
        }

        @Override
        public void sleepMs(long ms) {
            check();
            tcp.sleepMs(ms);
        }
    }
}
