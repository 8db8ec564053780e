package io.faultline.backend.sim;

import io.faultline.core.Check;
import io.faultline.harness.KvClerks;
import io.faultline.kvraft.KvRaftClerk;
import io.faultline.kvsrv.Clerk;
import io.faultline.kvsrv.ClerkTransport;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import io.faultline.sim.Client;
import io.faultline.sim.Simulation;

/**
 * Clerks of the simulated kvsrv or kvraft, each with its own simulator client. Each get/put has a
 * deadline of {@code opTimeoutMs} virtual milliseconds: the clerk's transport throws
 * {@link KvClerks.OpTimeoutException} at the first call, pause or retry that would pass it (the
 * op's outcome is then unknown). A kvraft clerk tries {@code node} first and then the others in
 * ring order; kvsrv's clerk always talks to its one server. Every RPC spends the configured clerk
 * latency first (drawn from the calling task's seeded stream), then the target node's delay, and
 * may be lost by the target node's loss setting. Use only from simulation tasks.
 */
final class SimKvClerks implements KvClerks {
    private final Simulation sim;
    private final SimCluster cluster;

    SimKvClerks(Simulation sim, SimCluster cluster) {
        this.sim = sim;
        this.cluster = cluster;
    }

    @Override
    public KvClerk open(int thread, String node, long opTimeoutMs) {
        Check.that(opTimeoutMs > 0, "opTimeoutMs must be > 0, was %s", opTimeoutMs);
        int first = cluster.index(node);
        DeadlineTransport transport = new DeadlineTransport(sim, sim.makeClient(), cluster);
        KvClerk inner;
        SimBackendOptions o = cluster.options();
        if (o.system().equals("kvraft")) {
            String[] servers = new String[o.nodes()];
            for (int k = 0; k < servers.length; k++) {
                servers[k] = cluster.serverName((first + k) % servers.length);
            }
            inner = new KvRaftClerk(transport, servers);
        } else {
            inner = new Clerk(transport, cluster.serverName(0), kvsrvVariant(o.variantOrDefault()));
        }
        return new TimedClerk(inner, transport, opTimeoutMs * 1_000_000L);
    }

    static Clerk.Variant kvsrvVariant(String label) {
        for (Clerk.Variant v : Clerk.Variant.values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown kvsrv variant " + label);
    }

    /** Sets the transport's deadline for each op. */
    private static final class TimedClerk implements KvClerk {
        private final KvClerk inner;
        private final DeadlineTransport transport;
        private final long opTimeoutNanos;

        TimedClerk(KvClerk inner, DeadlineTransport transport, long opTimeoutNanos) {
            this.inner = inner;
            this.transport = transport;
            this.opTimeoutNanos = opTimeoutNanos;
        }

        @Override
        public GetResult get(String key) {
            transport.startOp(opTimeoutNanos);
            return inner.get(key);
        }

        @Override
        public Err put(String key, String value, long version) {
            transport.startOp(opTimeoutNanos);
            return inner.put(key, value, version);
        }
    }

    /** A clerk transport over a simulator client that gives up at the op's deadline. */
    static final class DeadlineTransport implements ClerkTransport {
        private final Simulation sim;
        private final Client client;
        private final SimCluster cluster;
        private long deadlineNanos;
        private long opTimeoutNanos;

        DeadlineTransport(Simulation sim, Client client, SimCluster cluster) {
            this.sim = sim;
            this.client = client;
            this.cluster = cluster;
        }

        void startOp(long timeoutNanos) {
            opTimeoutNanos = timeoutNanos;
            deadlineNanos = sim.nowNanos() + timeoutNanos;
        }

        private long remainingNanos() {
            long left = deadlineNanos - sim.nowNanos();
            if (left <= 0) {
                throw new OpTimeoutException("no answer within " + opTimeoutNanos / 1_000_000L + " ms (virtual)");
            }
            return left;
        }

        /** Sleeps up to {@code nanos}, but not past the deadline (then throws). */
        private void sleepWithin(long nanos) {
            if (nanos <= 0) {
                return;
            }
            long left = remainingNanos();
            sim.sleepNanos(Math.min(nanos, left));
            remainingNanos();
        }

        @Override
        public byte[] call(String server, String service, byte[] request) {
            SimBackendOptions o = cluster.options();
            if (o.clerkLatencyMaxUs() > 0) {
                sleepWithin(sim.random().between(o.clerkLatencyMinUs(), o.clerkLatencyMaxUs()) * 1000L);
            }
            int to = cluster.indexOfServer(server);
            Links links = cluster.links();
            if (to >= 0) {
                if (links.drops(-1, to)) {
                    sleepWithin(links.failureDelayNanos());
                    return null;
                }
                sleepWithin(links.delayNanos(to));
            }
            byte[] reply = client.call(server, service, request, remainingNanos());
            if (reply == null) {
                remainingNanos();
            }
            return reply;
        }

        @Override
        public void sleepMs(long ms) {
            sleepWithin(ms * 1_000_000L);
        }
    }
}
