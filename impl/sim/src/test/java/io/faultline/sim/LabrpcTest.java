package io.faultline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The labrpc tests of spec §8, in virtual time. */
class LabrpcTest {
    private static final long MS = 1_000_000L;

    @Test
    void basic() {
        Simulation sim = new Simulation(1);
        Junk.server(sim, "server99");
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        sim.run(() -> {
            assertEquals("handler2-111", Junk.str(e.call("JunkServer.Handler2", Junk.num(111))));
            assertEquals(-9, Junk.num(e.call("JunkServer.Handler3", Junk.num(9))));
        });
    }

    @Test
    void types() {
        Simulation sim = new Simulation(2);
        Junk.server(sim, "server99");
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        sim.run(() -> {
            assertEquals("pointer:abc", Junk.str(e.call("JunkServer.Handler4", Junk.str("abc"))));
            assertEquals(3, Junk.num(e.call("JunkServer.Handler6", Junk.str("abc"))));
        });
    }

    @Test
    void disconnect() {
        Simulation sim = new Simulation(3);
        SimServer s = Junk.server(sim, "server99");
        End e = sim.network().makeEnd("server99");
        sim.run(() -> {
            assertNull(e.call("JunkServer.Handler2", Junk.num(111)), "call on a disabled end must fail");
            assertEquals(0, s.rpcCount(), "a disabled end must not reach the handler");
            e.enable(true);
            assertEquals("handler2-111", Junk.str(e.call("JunkServer.Handler2", Junk.num(111))));
            assertEquals(1, s.rpcCount());
        });
    }

    @Test
    void counts() {
        Simulation sim = new Simulation(4);
        Junk.server(sim, "server99");
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        sim.run(() -> {
            for (int i = 0; i < 17; i++) {
                assertEquals("handler2-" + i, Junk.str(e.call("JunkServer.Handler2", Junk.num(i))));
            }
        });
        assertEquals(17, sim.network().rpcCount("server99"));
        assertEquals(17, sim.network().rpcTotal());
    }

    @Test
    void bytes() {
        Simulation sim = new Simulation(5);
        Junk.server(sim, "server99");
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        long[] n = new long[2];
        sim.run(() -> {
            String arg = "x".repeat(288);
            for (int i = 0; i < 17; i++) {
                assertEquals(288, Junk.num(e.call("JunkServer.Handler6", Junk.str(arg))));
            }
            n[0] = sim.network().bytesTotal();
            for (int i = 0; i < 17; i++) {
                assertEquals(107, Junk.str(e.call("JunkServer.Handler7", Junk.num(107))).length());
            }
            n[1] = sim.network().bytesTotal() - n[0];
        });
        // 17 requests of 290 bytes plus 17 two-byte replies
        assertTrue(n[0] >= 4828 && n[0] <= 6000, "first 17 calls: " + n[0]);
        assertTrue(n[1] >= 1800 && n[1] <= 2500, "second 17 calls: " + n[1]);
    }

    @Test
    void concurrentMany() {
        Simulation sim = new Simulation(6);
        sim.network().setReliable(false);
        sim.network().setReliable(true);
        SimServer s = Junk.server(sim, "server99");
        int[] ok = new int[1];
        sim.run(() -> {
            List<SimTask<Void>> ts = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                End e = sim.network().makeEnd("server99");
                e.enable(true);
                int base = c * 100;
                ts.add(sim.spawn("client-" + c, () -> {
                    for (int j = 0; j < 10; j++) {
                        String r = Junk.str(e.call("JunkServer.Handler2", Junk.num(base + j)));
                        assertEquals("handler2-" + (base + j), r);
                        ok[0]++;
                    }
                }));
            }
            for (SimTask<Void> t : ts) {
                t.join();
            }
        });
        assertEquals(200, ok[0]);
        assertEquals(200, s.rpcCount());
    }

    @Test
    void unreliable() {
        Simulation sim = new Simulation(7);
        sim.network().setReliable(false);
        Junk.server(sim, "server99");
        int[] ok = new int[1];
        sim.run(() -> {
            List<SimTask<Void>> ts = new ArrayList<>();
            for (int c = 0; c < 300; c++) {
                End e = sim.network().makeEnd("server99");
                e.enable(true);
                int v = c;
                ts.add(sim.spawn("client-" + c, () -> {
                    byte[] r = e.call("JunkServer.Handler2", Junk.num(v));
                    if (r != null) {
                        assertEquals("handler2-" + v, Junk.str(r));
                        ok[0]++;
                    }
                }));
            }
            for (SimTask<Void> t : ts) {
                t.join();
            }
        });
        assertTrue(ok[0] > 0 && ok[0] < 300, "successes " + ok[0]);
    }

    @Test
    void concurrentOne() {
        Simulation sim = new Simulation(8);
        List<String> log = new ArrayList<>();
        SimServer s = sim.network().addServer("server99");
        Junk.serve(s, log);
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        sim.run(() -> {
            List<SimTask<Void>> ts = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                int v = c;
                ts.add(sim.spawn("client-" + c, () -> {
                    assertNotNull(e.call("JunkServer.Handler1", Junk.str("m" + v)));
                }));
            }
            for (SimTask<Void> t : ts) {
                t.join();
            }
        });
        assertEquals(20, s.rpcCount());
        assertEquals(20, log.size());
        assertEquals(20, log.stream().distinct().count(), "each call delivered exactly once");
    }

    @Test
    void regression1() {
        Simulation sim = new Simulation(9);
        SimServer s = Junk.server(sim, "server99");
        End e = sim.network().makeEnd("server99");
        sim.run(() -> {
            List<SimTask<Void>> ts = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                ts.add(sim.spawn("pending-" + c, () -> assertNull(e.call("JunkServer.Handler2", Junk.num(1)))));
            }
            sim.sleepMillis(1);
            e.enable(true);
            long t0 = sim.nowNanos();
            assertEquals("handler2-9", Junk.str(e.call("JunkServer.Handler2", Junk.num(9))));
            long took = sim.nowNanos() - t0;
            assertTrue(took <= 30 * MS, "took " + took);
            for (SimTask<Void> t : ts) {
                t.join();
            }
            // the 20 calls sampled the end while disabled: none may be delivered
            assertEquals(1, s.rpcCount());
        });
    }

    @Test
    void killed() {
        Simulation sim = new Simulation(10);
        SimServer s = sim.network().addServer("server99");
        boolean[] started = new boolean[1];
        s.serve("JunkServer.Sleep", (from, req, resp) -> {
            started[0] = true;
            sim.schedule(20_000 * MS, () -> resp.reply(Junk.num(1)));
        });
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        sim.run(() -> {
            SimTask<byte[]> call = sim.spawnValue("caller", () -> e.call("JunkServer.Sleep", new byte[0]));
            sim.sleepMillis(1000);
            assertTrue(started[0], "handler must have started");
            assertTrue(!call.isDone(), "call must still be pending while the handler sleeps");
            sim.network().deleteServer("server99");
            long t0 = sim.nowNanos();
            assertNull(call.join(), "a deleted server never reports success");
            assertTrue(sim.nowNanos() - t0 <= 100 * MS, "returned after " + (sim.nowNanos() - t0) + " ns");
        });
    }

    @Test
    void replyFromReplacedServerIsDiscarded() {
        Simulation sim = new Simulation(11);
        SimServer s = sim.network().addServer("server99");
        s.serve("Svc.Slow", (from, req, resp) -> sim.schedule(50 * MS, () -> resp.reply(Junk.num(1))));
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        sim.run(() -> {
            SimTask<byte[]> call = sim.spawnValue("caller", () -> e.call("Svc.Slow", new byte[0]));
            sim.sleepMillis(10);
            sim.network().addServer("server99").serve("Svc.Slow", (f, r, x) -> x.reply(Junk.num(2)));
            assertNull(call.join());
            assertEquals(2, Junk.num(e.call("Svc.Slow", new byte[0])));
        });
    }

    @Test
    void callerTimeout() {
        Simulation sim = new Simulation(12);
        SimServer s = sim.network().addServer("server99");
        s.serve("Svc.Never", (from, req, resp) -> { });
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        sim.run(() -> {
            long t0 = sim.nowNanos();
            byte[] r = sim.awaitResult(cb -> e.call("Svc.Never", new byte[0], 250 * MS, cb));
            assertNull(r);
            assertEquals(250 * MS, sim.nowNanos() - t0);
        });
    }

    @Test
    void longDelayToggleIsSampledPerCall() {
        // labrpc TestLongDelayRace: toggling long delays while calls are in flight is safe, and each
        // call keeps the mode it entered the network with
        Simulation sim = new Simulation(13);
        Junk.server(sim, "server99");
        End e = sim.network().makeEnd("server99");
        long[] maxLatency = new long[2];
        int[] done = new int[1];
        sim.run(() -> {
            for (int i = 0; i < 2000; i++) {
                boolean longDelays = i % 2 == 1;
                sim.network().setLongDelays(longDelays);
                long t0 = sim.nowNanos();
                int kind = longDelays ? 1 : 0;
                e.call("JunkServer.Handler2", Junk.num(i), 0, r -> {
                    assertNull(r);
                    maxLatency[kind] = Math.max(maxLatency[kind], sim.nowNanos() - t0);
                    done[0]++;
                });
                sim.sleepNanos(1000);
            }
            while (done[0] < 2000) {
                sim.sleepMillis(100);
            }
        });
        assertTrue(maxLatency[0] <= 99 * MS, "short mode max " + maxLatency[0]);
        assertTrue(maxLatency[1] > 1000 * MS && maxLatency[1] <= 6999 * MS, "long mode max " + maxLatency[1]);
    }

    @Test
    void unknownServiceFailsRun() {
        Simulation sim = new Simulation(14);
        Junk.server(sim, "server99");
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        SimulationFailure f = org.junit.jupiter.api.Assertions.assertThrows(SimulationFailure.class,
                () -> sim.run(() -> e.call("JunkServer.Nope", new byte[0])));
        assertTrue(f.getMessage().contains("unknown service 'JunkServer.Nope'"), f.getMessage());
    }

    @Test
    void handlerExceptionNamesServer() {
        Simulation sim = new Simulation(15);
        sim.network().addServer("server99").serve("Svc.Bad", (f, r, x) -> {
            throw new IllegalArgumentException("bad request");
        });
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        SimulationFailure f = org.junit.jupiter.api.Assertions.assertThrows(SimulationFailure.class,
                () -> sim.run(() -> e.call("Svc.Bad", new byte[0])));
        assertTrue(f.getMessage().contains("server99") && f.getMessage().contains("bad request"), f.getMessage());
    }

    @Test
    void replyingTwiceFailsRun() {
        Simulation sim = new Simulation(16);
        sim.network().addServer("server99").serve("Svc.Twice", (f, r, x) -> {
            x.reply(r);
            x.reply(r);
        });
        End e = sim.network().makeEnd("server99");
        e.enable(true);
        SimulationFailure f = org.junit.jupiter.api.Assertions.assertThrows(SimulationFailure.class,
                () -> sim.run(() -> e.call("Svc.Twice", new byte[0])));
        assertTrue(f.getMessage().contains("answered twice"), f.getMessage());
    }
}
