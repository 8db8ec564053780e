package io.faultline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many tasks sleeping, calling, spawning and joining at random: no hang, no leak, same trace. */
class TaskStressTest {
    private record Outcome(long trace, long events, int finished) {}

    private static Outcome run(long seed) {
        Simulation sim = new Simulation(seed);
        sim.network().setReliable(false);
        Group<PingNode> g = sim.makeGroup(0, 3, rt -> new PingNode(rt, 3, true, 30), PingNode::kill);
        g.startServers();
        Client c = sim.makeClient();
        int[] finished = new int[1];
        sim.run(() -> {
            List<SimTask<Integer>> ts = new ArrayList<>();
            for (int k = 0; k < 30; k++) {
                int id = k;
                ts.add(sim.spawnValue("worker-" + k, () -> {
                    Rng r = sim.random();
                    int steps = 0;
                    for (int s = 0; s < 20; s++) {
                        switch (r.nextInt(4)) {
                            case 0 -> sim.sleepNanos(r.nextInt(3_000_000));
                            case 1 -> c.call(g.serverName(r.nextInt(3)), "Ping.Echo", Junk.str("w" + id));
                            case 2 -> sim.spawnValue("child-" + id + "-" + s, () -> {
                                sim.sleepMillis(r.nextInt(5));
                                return 1;
                            }).join();
                            default -> sim.yieldNow();
                        }
                        steps++;
                    }
                    finished[0]++;
                    return steps;
                }));
            }
            // some tasks are left running when main ends: they must be stopped cleanly
            for (int k = 0; k < 20; k++) {
                assertEquals(20, ts.get(k).join());
            }
        });
        assertEquals(0, sim.liveTaskThreads());
        return new Outcome(sim.traceHash(), sim.eventCount(), finished[0]);
    }

    @Test
    void randomTaskMixIsDeterministicAndClean() {
        for (long seed = 1; seed <= 6; seed++) {
            Outcome a = run(seed);
            Outcome b = run(seed);
            assertEquals(a, b, "seed " + seed);
            assertTrue(a.finished() >= 20, "seed " + seed + ": " + a.finished());
        }
    }
}
