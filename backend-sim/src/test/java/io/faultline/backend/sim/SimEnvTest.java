package io.faultline.backend.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.harness.interp.Mailbox;
import io.faultline.sim.SimOptions;
import io.faultline.sim.Simulation;
import io.faultline.sim.SimulationFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimEnvTest {
    private static final long MS = 1_000_000L;

    @Test
    void timeIsVirtualAndStartsAtTheEnv() {
        Simulation sim = new Simulation(1, SimOptions.defaults().withTimeLimitNanos(4_000_000 * MS));
        long[] seen = new long[3];
        long wallStart = System.nanoTime();
        sim.run(() -> {
            sim.sleepMillis(500);
            SimEnv env = new SimEnv(sim);
            seen[0] = env.nowNanos();
            env.sleepNanos(3_600_000 * MS); // an hour of virtual time
            seen[1] = env.nowNanos();
            seen[2] = sim.nowNanos();
        });
        assertEquals(0, seen[0]);
        assertEquals(3_600_000 * MS, seen[1]);
        assertEquals(3_600_500 * MS, seen[2]);
        assertTrue(System.nanoTime() - wallStart < 30_000 * MS, "an hour of virtual sleep takes no real hour");
    }

    @Test
    void pollTimesOutExactlyAtItsVirtualDeadline() {
        Simulation sim = new Simulation(2);
        List<Object> got = new ArrayList<>();
        sim.run(() -> {
            SimEnv env = new SimEnv(sim);
            Mailbox<String> box = env.mailbox();
            assertNull(box.poll(0), "poll(0) does not wait");
            assertEquals(0, env.nowNanos());
            got.add(box.poll(250 * MS));
            got.add(env.nowNanos());
        });
        assertEquals(Arrays.asList(null, 250 * MS), got);
    }

    @Test
    void putWakesTheWaitingPollAtThePutsTimeAndTheStaleTimeoutIsIgnored() {
        Simulation sim = new Simulation(3);
        List<Object> got = new ArrayList<>();
        sim.run(() -> {
            SimEnv env = new SimEnv(sim);
            Mailbox<String> box = env.mailbox();
            env.spawn("producer", () -> {
                sim.sleepMillis(40);
                box.put("a");
                sim.sleepMillis(100);
                box.put("b");
            });
            got.add(box.poll(1000 * MS));
            got.add(env.nowNanos() / MS);
            // the first poll's timeout (at 1000 ms) must not wake this one early or late
            got.add(box.poll(2000 * MS));
            got.add(env.nowNanos() / MS);
            got.add(box.poll(5000 * MS));
            got.add(env.nowNanos() / MS);
        });
        assertEquals(Arrays.asList("a", 40L, "b", 140L, null, 5140L), got);
    }

    @Test
    void queuedItemsComeOutInOrderWithoutWaiting() {
        Simulation sim = new Simulation(4);
        List<Object> got = new ArrayList<>();
        sim.run(() -> {
            SimEnv env = new SimEnv(sim);
            Mailbox<Integer> box = env.mailbox();
            for (int i = 0; i < 5; i++) {
                box.put(i);
            }
            for (int i = 0; i < 5; i++) {
                got.add(box.poll(10 * MS));
            }
            got.add(env.nowNanos());
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 0L), got);
    }

    @Test
    void spawnedWorkersInterleaveInVirtualTimeOnly() {
        Simulation sim = new Simulation(5);
        List<String> trace = new ArrayList<>();
        sim.run(() -> {
            SimEnv env = new SimEnv(sim);
            Mailbox<String> done = env.mailbox();
            for (int w = 0; w < 3; w++) {
                int me = w;
                env.spawn("w", () -> {
                    for (int k = 0; k < 3; k++) {
                        trace.add(me + "@" + env.nowNanos() / MS);
                        sim.sleepMillis(10 * (me + 1));
                    }
                    done.put("w" + me);
                });
            }
            for (int w = 0; w < 3; w++) {
                assertTrue(done.poll(1000 * MS) != null);
            }
        });
        assertEquals(List.of("0@0", "1@0", "2@0", "0@10", "1@20", "0@20", "2@30", "1@40", "2@60"), trace);
    }

    @Test
    void anExceptionInAWorkerFailsTheSimulation() {
        Simulation sim = new Simulation(6);
        assertThrows(SimulationFailure.class, () -> sim.run(() -> {
            SimEnv env = new SimEnv(sim);
            env.spawn("bad", () -> {
                throw new IllegalStateException("boom");
            });
            env.sleepNanos(10 * MS);
        }));
    }
}
