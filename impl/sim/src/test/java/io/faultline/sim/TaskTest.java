package io.faultline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tasks: virtual sleeps, ordering, joins, failures, limits and thread hygiene. */
class TaskTest {
    private static final long MS = 1_000_000L;

    @Test
    void sleepsWakeInVirtualTimeOrder() {
        Simulation sim = new Simulation(1);
        List<String> order = new ArrayList<>();
        sim.run(() -> {
            List<SimTask<Void>> ts = new ArrayList<>();
            int[] delays = {30, 10, 20, 10, 0};
            for (int i = 0; i < delays.length; i++) {
                int d = delays[i];
                String name = "t" + i;
                ts.add(sim.spawn(name, () -> {
                    sim.sleepMillis(d);
                    order.add(name + "@" + sim.nowMillis());
                }));
            }
            for (SimTask<Void> t : ts) {
                t.join();
            }
            assertEquals(30, sim.nowMillis());
        });
        // equal wake times keep spawn order
        assertEquals(List.of("t4@0", "t1@10", "t3@10", "t2@20", "t0@30"), order);
    }

    @Test
    void joinReturnsValueAndSleepIsExact() {
        Simulation sim = new Simulation(2);
        sim.run(() -> {
            SimTask<Long> t = sim.spawnValue("worker", () -> {
                sim.sleepNanos(1234);
                return sim.nowNanos();
            });
            assertEquals(1234L, t.join());
            assertTrue(t.isDone());
        });
    }

    @Test
    void taskExceptionFailsRunWithTaskName() {
        Simulation sim = new Simulation(3);
        SimulationFailure f = assertThrows(SimulationFailure.class, () -> sim.run(() -> {
            sim.spawn("client-7", () -> {
                sim.sleepMillis(5);
                throw new AssertionError("value mismatch at index 4");
            });
            sim.sleepMillis(1000);
        }));
        assertTrue(f.getMessage().contains("client-7"), f.getMessage());
        assertTrue(f.getMessage().contains("value mismatch at index 4"), f.getMessage());
        assertTrue(f.getMessage().contains("seed=3"), f.getMessage());
        assertEquals(5 * MS, f.atNanos());
        assertEquals(0, sim.liveTaskThreads());
    }

    @Test
    void nodeCallbackExceptionFailsRun() {
        Simulation sim = new Simulation(4);
        Group<Object> g = sim.makeGroup(0, 1, rt -> {
            rt.clock().setTimer(7 * MS, () -> {
                throw new IllegalStateException("boom");
            });
            return rt;
        }, o -> { });
        g.startServers();
        SimulationFailure f = assertThrows(SimulationFailure.class, () -> sim.run(() -> sim.sleepMillis(100)));
        assertTrue(f.getMessage().contains("server-0-0") && f.getMessage().contains("boom"), f.getMessage());
    }

    @Test
    void failFromHarnessCallback() {
        Simulation sim = new Simulation(5);
        sim.schedule(3 * MS, () -> sim.fail("apply out of order"));
        SimulationFailure f = assertThrows(SimulationFailure.class, () -> sim.run(() -> sim.sleepMillis(100)));
        assertTrue(f.getMessage().startsWith("apply out of order"), f.getMessage());
    }

    @Test
    void virtualTimeLimit() {
        Simulation sim = new Simulation(6, SimOptions.defaults().withTimeLimitNanos(2_000 * MS));
        SimulationFailure f = assertThrows(SimulationFailure.class, () -> sim.run(() -> {
            while (true) {
                sim.sleepMillis(20);
            }
        }));
        assertTrue(f.getMessage().contains("virtual time limit"), f.getMessage());
        assertTrue(sim.nowNanos() <= 2_000 * MS);
    }

    @Test
    void deadlockIsReported() {
        Simulation sim = new Simulation(7);
        SimulationFailure f = assertThrows(SimulationFailure.class, () -> sim.run(() -> {
            sim.awaitResult(cb -> { });
        }));
        assertTrue(f.getMessage().contains("deadlock"), f.getMessage());
    }

    @Test
    void sleepOutsideTaskIsRejected() {
        Simulation sim = new Simulation(8);
        assertThrows(IllegalStateException.class, () -> sim.sleepMillis(1));
    }

    @Test
    void watchdogStopsRunawayTask() {
        Simulation sim = new Simulation(9, SimOptions.defaults().withWatchdogMillis(300));
        SimulationFailure f = assertThrows(SimulationFailure.class, () -> sim.run(() -> {
            long end = System.nanoTime() + 2_000 * MS;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }));
        assertTrue(f.getMessage().contains("watchdog"), f.getMessage());
        assertTrue(f.getMessage().contains("sim-task-main"), f.getMessage());
    }

    @Test
    void noThreadLeakAfterManyRuns() {
        int before = Thread.activeCount();
        for (int run = 0; run < 1000; run++) {
            Simulation sim = new Simulation(run);
            Client c = sim.makeClient();
            sim.network().addServer("s").serve("Svc.Never", (f, r, x) -> { });
            sim.run(() -> {
                // tasks left blocked in every way when the main task ends
                sim.spawn("sleeper", () -> sim.sleepMillis(1_000_000));
                sim.spawn("caller", () -> c.call("s", "Svc.Never", new byte[0]));
                SimTask<Void> waiter = sim.spawn("waiter", () -> sim.awaitResult(cb -> { }));
                sim.spawn("joiner", waiter::join);
                sim.spawn("catcher", () -> {
                    try {
                        sim.sleepMillis(1_000_000);
                    } catch (Throwable t) {
                        sim.sleepMillis(1); // must not be able to keep running
                    }
                });
                sim.sleepMillis(5);
            });
            assertEquals(0, sim.liveTaskThreads());
        }
        // allow a moment for exited threads to be reaped from the group count
        int after = Thread.activeCount();
        for (int i = 0; i < 50 && after > before; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            after = Thread.activeCount();
        }
        assertTrue(after <= before, "threads before " + before + ", after " + after);
    }

    @Test
    void nodeCallbacksCannotBlockEvenOnTaskThreads() {
        Simulation sim = new Simulation(10);
        Group<Object> g = sim.makeGroup(0, 1, rt -> {
            rt.clock().setTimer(3 * MS, () -> sim.sleepMillis(1));
            return rt;
        }, o -> { });
        g.startServers();
        // the main task is blocked in sleep, so its thread runs the timer callback
        SimulationFailure f = assertThrows(SimulationFailure.class, () -> sim.run(() -> sim.sleepMillis(100)));
        assertTrue(f.getMessage().contains("must be called from a simulation task"), f.getMessage());
        assertTrue(f.getMessage().contains("server-0-0"), f.getMessage());
    }

    @Test
    void awaitResultCompletedByAnotherTask() {
        Simulation sim = new Simulation(11);
        sim.run(() -> {
            java.util.function.Consumer<?>[] hook = new java.util.function.Consumer<?>[1];
            SimTask<String> waiter = sim.spawnValue("waiter", () -> sim.<String>awaitResult(cb -> hook[0] = cb));
            sim.sleepMillis(7);
            @SuppressWarnings("unchecked")
            java.util.function.Consumer<String> cb = (java.util.function.Consumer<String>) hook[0];
            cb.accept("first");
            cb.accept("second");
            assertEquals("first", waiter.join());
            assertEquals(7, sim.nowMillis());
        });
    }
}
