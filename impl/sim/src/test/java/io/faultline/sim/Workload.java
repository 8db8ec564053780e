package io.faultline.sim;

import io.faultline.core.Rng;

/** A randomized multi-node workload with faults, used for determinism tests and the benchmark. */
final class Workload {
    private Workload() {}

    /** What a run produced; equal results mean identical runs. */
    record Result(long traceHash, long events, long rpcTotal, long bytesTotal, long nowNanos) {}

    static Result run(long seed, int n, int seconds, boolean faults) {
        Simulation sim = new Simulation(seed);
        sim.network().setReliable(!faults);
        sim.network().setLongDelays(true);
        Group<PingNode> g = sim.makeGroup(0, n, rt -> new PingNode(rt, n, true, 20), PingNode::kill);
        g.startServers();
        Client c = sim.makeClient();
        sim.run(() -> {
            if (faults) {
                sim.spawn("nemesis", () -> {
                    Rng r = sim.random();
                    while (true) {
                        sim.sleepMillis(200 + r.nextInt(300));
                        int i = r.nextInt(n);
                        switch (r.nextInt(4)) {
                            case 0 -> g.crash(i);
                            case 1 -> g.restart(i);
                            case 2 -> g.disconnectAll(i);
                            default -> g.connectOne(i);
                        }
                        if (r.nextInt(10) == 0) {
                            sim.network().setLongReordering(!sim.network().isLongReordering());
                        }
                    }
                });
            }
            for (int k = 0; k < 3; k++) {
                int id = k;
                sim.spawn("client-" + k, () -> {
                    Rng r = sim.random();
                    while (true) {
                        c.call(g.serverName(r.nextInt(n)), "Ping.Echo", Junk.str("c" + id));
                        sim.sleepMillis(10 + r.nextInt(50));
                    }
                });
            }
            sim.sleepMillis(seconds * 1000L);
        });
        return new Result(sim.traceHash(), sim.eventCount(), sim.network().rpcTotal(), sim.network().bytesTotal(),
                sim.nowNanos());
    }
}
