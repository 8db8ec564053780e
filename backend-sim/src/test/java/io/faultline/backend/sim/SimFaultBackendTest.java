package io.faultline.backend.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.faults.ClockFaults;
import io.faultline.faults.Grudge;
import io.faultline.faults.LinkFaults;
import io.faultline.faults.ProcessFaults;
import io.faultline.harness.KvClerks;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import io.faultline.sim.Group;
import io.faultline.sim.Simulation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SimFaultBackendTest {
    private static final long MS = 1_000_000L;

    private static SimBackend kvraft(long seed) {
        return new SimBackend(SimBackendOptions.of("kvraft", 3, seed));
    }

    static Grudge isolate(String node, List<String> nodes) {
        Map<String, Set<String>> g = new TreeMap<>();
        Set<String> others = new TreeSet<>(nodes);
        others.remove(node);
        g.put(node, others);
        for (String o : others) {
            g.put(o, Set.of(node));
        }
        return new Grudge(g);
    }

    @Test
    void capabilitiesAndNames() {
        try (SimBackend b = kvraft(1)) {
            assertTrue(b.faults() instanceof ProcessFaults && b.faults() instanceof ClockFaults
                    && b.faults() instanceof LinkFaults);
            assertEquals("sim", b.faults().partitionMechanism());
            assertEquals("sim", b.name());
            assertEquals(List.of("n1", "n2", "n3"), b.faults().nodes());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.faults().kill("n9"));
            assertTrue(e.getMessage().contains("n1, n2, n3"), e.getMessage());
        }
    }

    @Test
    void isolatingTheLeaderElectsAnotherAndHealingKeepsOne() throws Exception {
        try (SimBackend b = kvraft(2)) {
            String[] seen = new String[3];
            b.run(env -> {
                b.startNodes();
                env.sleepNanos(2_000 * MS);
                seen[0] = b.faults().leader();
                b.faults().partition(isolate(seen[0], b.faults().nodes()));
                env.sleepNanos(3_000 * MS);
                seen[1] = b.faults().leader();
                b.faults().partition(Grudge.none());
                env.sleepNanos(3_000 * MS);
                seen[2] = b.faults().leader();
            });
            assertNotNull(seen[0]);
            assertNotNull(seen[1]);
            assertNotEquals(seen[0], seen[1], "the majority elects a new leader in a higher term");
            assertNotNull(seen[2]);
        }
    }

    @Test
    void killedNodesRestartFromWhatTheySyncedAndPausedLeadersAreReplaced() throws Exception {
        try (SimBackend b = kvraft(3)) {
            Object[] seen = new Object[6];
            b.run(env -> {
                b.startNodes();
                KvClerk c = b.clerks().open(0, "n1", 5_000);
                assertEquals(Err.OK, c.put("x", "1", 0));
                for (String n : b.faults().nodes()) {
                    b.faults().kill(n);
                    assertFalse(b.faults().isAlive(n));
                }
                seen[0] = b.faults().leader();
                for (String n : b.faults().nodes()) {
                    b.faults().restart(n);
                }
                seen[1] = c.get("x").value();
                String leader = b.faults().leader();
                b.faults().pause(leader);
                seen[2] = b.faults().isPaused(leader);
                env.sleepNanos(3_000 * MS);
                seen[3] = b.faults().leader();
                seen[4] = leader;
                b.faults().resume(leader);
                seen[5] = b.faults().isPaused(leader);
            });
            assertEquals(null, seen[0], "no leader while every node is down");
            assertEquals("1", seen[1], "a committed put survives a crash of every node");
            assertEquals(true, seen[2]);
            assertNotNull(seen[3]);
            assertNotEquals(seen[4], seen[3], "a paused leader is replaced");
            assertEquals(false, seen[5]);
        }
    }

    @Test
    void clockOffsetShowsInTheNodesRuntimeAndSurvivesRestart() throws Exception {
        try (SimBackend b = kvraft(4)) {
            long[] skew = new long[2];
            b.run(env -> {
                b.startNodes();
                b.faults().setClockOffsetMs("n2", 5_000);
                Group<?> g = b.cluster().group();
                skew[0] = g.runtime(1).clock().nowNanos() - b.simulation().nowNanos();
                b.faults().kill("n2");
                b.faults().restart("n2");
                skew[1] = g.runtime(1).clock().nowNanos() - b.simulation().nowNanos();
            });
            assertEquals(5_000 * MS, skew[0]);
            assertEquals(5_000 * MS, skew[1]);
        }
    }

    @Test
    void clerkOpsTimeOutInVirtualTimeAndDelayIsPaid() throws Exception {
        try (SimBackend b = new SimBackend(SimBackendOptions.of("kvsrv", 1, 5))) {
            long[] t = new long[4];
            b.run(env -> {
                b.startNodes();
                KvClerk c = b.clerks().open(0, "n1", 700);
                assertEquals(Err.OK, c.put("k", "v", 0));
                b.faults().setDelayMs("n1", 300);
                t[0] = env.nowNanos();
                assertEquals("v", c.get("k").value());
                t[1] = env.nowNanos() - t[0];
                b.faults().setDelayMs("n1", 0);
                b.faults().setLoss("n1", 1.0);
                t[2] = env.nowNanos();
                assertThrows(KvClerks.OpTimeoutException.class, () -> c.get("k"));
                t[3] = env.nowNanos() - t[2];
            });
            assertTrue(t[1] >= 300 * MS && t[1] < 320 * MS, "get with 300 ms delay took " + t[1] / MS + " ms");
            assertEquals(700 * MS, t[3], "the op gives up exactly at its 700 ms deadline");
        }
    }

    /** A directed cut drops only the messages into the node that holds the grudge. */
    @Test
    void oneWayGrudgeCutsOneDirection() {
        Simulation sim = new Simulation(6);
        Links links = new Links(2, new Rng(6));
        int[] served = new int[2];
        Group<Object> g = sim.makeGroup(0, 2, rt -> {
            ShapedRuntime s = new ShapedRuntime(rt, links);
            s.transport().serve("Ping", (from, req, resp) -> {
                served[s.nodeId()]++;
                resp.reply(new byte[] {1});
            });
            return s;
        }, x -> {});
        g.startServers();
        Object[] replies = new Object[2];
        sim.run(() -> {
            links.cut(1, 0); // node 1 (n2) does not hear from node 0 (n1)
            ((ShapedRuntime) g.node(0)).transport().call(1, "Ping", new byte[0], 0, r -> replies[0] = r);
            ((ShapedRuntime) g.node(1)).transport().call(0, "Ping", new byte[0], 0, r -> replies[1] = r);
            sim.sleepMillis(500);
        });
        assertEquals(0, served[1], "n1's request never reaches n2");
        assertEquals(1, served[0], "n2's request reaches n1");
        assertEquals(null, replies[0]);
        assertEquals(null, replies[1], "but n1's reply to n2 is dropped");
    }

    /** A callback that throws kills its node (like a process exiting on a fatal error), not the run. */
    @Test
    void aThrowingCallbackCrashesItsNodeOnly() {
        Simulation sim = new Simulation(8);
        Links links = new Links(2, new Rng(8));
        List<Throwable> fatal = new java.util.ArrayList<>();
        int[] served = new int[2];
        Group<Object> g = sim.makeGroup(0, 2, rt -> {
            ShapedRuntime s = new ShapedRuntime(rt, links, fatal::add);
            s.transport().serve("Ping", (from, req, resp) -> {
                served[s.nodeId()]++;
                Check.that(req.length == 0, "node %s refuses non-empty pings", s.nodeId());
                resp.reply(new byte[] {1});
            });
            return s;
        }, x -> {});
        g.startServers();
        Object[] replies = new Object[3];
        sim.run(() -> {
            ShapedRuntime n0 = (ShapedRuntime) g.node(0);
            ShapedRuntime n1 = (ShapedRuntime) g.node(1);
            n0.transport().call(1, "Ping", new byte[] {7}, 0, r -> replies[0] = r);
            sim.sleepMillis(500);
            n0.transport().call(1, "Ping", new byte[0], 0, r -> replies[1] = r);
            n1.transport().call(0, "Ping", new byte[0], 0, r -> replies[2] = r);
            sim.sleepMillis(500);
            assertTrue(n1.isDead());
            assertFalse(n0.isDead());
        });
        assertEquals(1, fatal.size(), "one fatal error: " + fatal);
        assertTrue(fatal.get(0).getMessage().contains("node 1 refuses"), fatal.get(0).getMessage());
        assertEquals(1, served[1], "the dead node serves nothing after its fatal error");
        assertEquals(null, replies[1]);
        assertEquals(null, replies[2], "nor does it call out");
    }

    @Test
    void aFatalNodeErrorCrashesTheNodeAndTheRunGoesOn() throws Exception {
        try (SimBackend b = kvraft(9)) {
            boolean[] alive = new boolean[2];
            b.run(env -> {
                b.startNodes();
                env.sleepNanos(1_000 * MS);
                // make n2's next timer throw, as a node's failing safety check would
                b.cluster().runtime(1).clock().setTimer(1, () -> {
                    throw new IllegalStateException("planted fatal error");
                });
                env.sleepNanos(10 * MS);
                alive[0] = b.faults().isAlive("n2");
                b.faults().restart("n2");
                alive[1] = b.faults().isAlive("n2");
                env.sleepNanos(1_000 * MS);
            });
            assertFalse(alive[0], "the node crashed");
            assertTrue(alive[1], "and restarts from its storage");
            assertEquals(1, b.nodeFatalErrors().size());
            assertEquals(b.nodeFatalErrors(), b.facts().get("nodeFatalErrors"));
            assertEquals(Long.toHexString(b.traceHash()), b.facts().get("traceHash"));
            assertEquals(9L, b.facts().get("seed"));
            assertTrue(b.nodeFatalErrors().get(0).contains("n2: fatal error in a callback: java.lang.IllegalStateException: planted"),
                    b.nodeFatalErrors().get(0));
        }
    }

    @Test
    void unknownNamesInAGrudgeChangeNothing() {
        try (SimBackend b = kvraft(7)) {
            b.faults().partition(new Grudge(Map.of("n1", Set.of("n2"))));
            assertThrows(IllegalArgumentException.class,
                    () -> b.faults().partition(new Grudge(Map.of("n1", Set.of("n3"), "n7", Set.of("n1")))));
            assertTrue(b.cluster().links().isCut(1, 0), "the earlier grudge still stands");
            assertFalse(b.cluster().links().isCut(2, 0));
        }
    }
}
