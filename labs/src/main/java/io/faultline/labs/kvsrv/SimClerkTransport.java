package io.faultline.labs.kvsrv;

import io.faultline.kvsrv.ClerkTransport;
import io.faultline.sim.Client;
import io.faultline.sim.Simulation;

/**
 * A clerk's transport on the simulator: a test {@link Client} (its own ends). The simulator's
 * reliable network has no latency, so each call first spends {@code latencyMinUs..latencyMaxUs}
 * of virtual time (drawn from the calling task's seeded stream) as the per-call cost a real RPC
 * has; this keeps client loops finite in virtual time and lets concurrent operations overlap.
 */
public final class SimClerkTransport implements ClerkTransport {
    private final Simulation sim;
    private final Client client;
    private final int latencyMinUs;
    private final int latencyMaxUs;

    public SimClerkTransport(Simulation sim, Client client, int latencyMinUs, int latencyMaxUs) {
        this.sim = sim;
        this.client = client;
        this.latencyMinUs = latencyMinUs;
        this.latencyMaxUs = latencyMaxUs;
    }

    public Client client() {
        return client;
    }

    @Override
    public byte[] call(String server, String service, byte[] request) {
        if (latencyMaxUs > 0) {
            sim.sleepNanos(sim.random().between(latencyMinUs, latencyMaxUs) * 1000L);
        }
        return client.call(server, service, request);
    }

    @Override
    public void sleepMs(long ms) {
        sim.sleepMillis(ms);
    }
}
