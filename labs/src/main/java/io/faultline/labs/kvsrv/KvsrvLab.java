package io.faultline.labs.kvsrv;

import io.faultline.kvsrv.Clerk;
import io.faultline.kvsrv.KvLimits;
import io.faultline.kvsrv.KvServer;
import io.faultline.labs.LabEnv;
import io.faultline.sim.Client;
import io.faultline.sim.Group;
import io.faultline.sim.Simulation;

/** The lab-2 harness (Go {@code kvsrv1/test.go}): one server {@code server-0-0} and clerks to it. */
public final class KvsrvLab {
    /** Per-call virtual latency of the clerks' transport (see {@link SimClerkTransport}). */
    public static final int CALL_LATENCY_MIN_US = 2000;
    public static final int CALL_LATENCY_MAX_US = 6000;

    private final Simulation sim;
    private final Group<KvServer> group;
    private final KvTester tester;
    private final Clerk.Variant clerkVariant;
    private long nextClerkId;
    private int latencyMaxUs = CALL_LATENCY_MAX_US;

    public KvsrvLab(Simulation sim, LabEnv env, Clerk.Variant clerkVariant) {
        this.sim = sim;
        this.clerkVariant = clerkVariant;
        this.group = sim.makeGroup(0, 1, rt -> new KvServer(rt, KvLimits.defaults()), KvServer::kill);
        group.startServers();
        this.tester = new KvTester(sim, env, allowed -> makeClerk());
    }

    public KvTester tester() {
        return tester;
    }

    public Simulation sim() {
        return sim;
    }

    /** The live server object (for the memory test). */
    public KvServer server() {
        return group.node(0);
    }

    /** Turns the per-call latency off (the memory test makes 200,000 sequential calls). */
    public void noLatency() {
        latencyMaxUs = 0;
    }

    public KvTester.TestClerk makeClerk() {
        Client client = sim.makeClient();
        int min = Math.min(CALL_LATENCY_MIN_US, latencyMaxUs);
        SimClerkTransport t = new SimClerkTransport(sim, client, min, latencyMaxUs);
        return new KvTester.TestClerk(nextClerkId++, new Clerk(t, group.serverName(0), clerkVariant), t);
    }
}
