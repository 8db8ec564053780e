package io.faultline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.runtime.Runtime;
import org.junit.jupiter.api.Test;

/** Groups, clients, connect/partition/crash/restart semantics of spec §1.2-1.3 and tester_test.go. */
class GroupTest {
    private static final long MS = 1_000_000L;

    private static Group<PingNode> group(Simulation sim, int n) {
        return sim.makeGroup(0, n, rt -> new PingNode(rt, n, false, 10), PingNode::kill);
    }

    /** Calls peer {@code to} from server {@code from}'s runtime and waits for the outcome. */
    private static byte[] peerCall(Simulation sim, Group<PingNode> g, int from, int to, String msg) {
        Runtime rt = g.runtime(from);
        return sim.awaitResult(cb -> rt.transport().call(to, "Ping.Echo", Junk.str(msg), 0, cb));
    }

    @Test
    void testerBasicOneRpcThroughClient() {
        Simulation sim = new Simulation(1);
        Group<PingNode> g = group(sim, 1);
        g.startServers();
        Client c = sim.makeClient();
        sim.run(() -> assertEquals("hi", Junk.str(c.call("server-0-0", "Ping.Echo", Junk.str("hi")))));
        assertEquals("-1:hi", g.node(0).received.get(0), "client calls arrive with fromPeer -1");
    }

    @Test
    void testerShutdownKillsServiceAndRpcFails() {
        Simulation sim = new Simulation(2);
        Group<PingNode> g = group(sim, 1);
        g.startServers();
        PingNode node = g.node(0);
        Client c = sim.makeClient();
        sim.run(() -> {
            g.shutdown();
            assertTrue(node.killed);
            assertNull(g.node(0));
            assertNull(c.call("server-0-0", "Ping.Echo", Junk.str("hi")));
        });
    }

    @Test
    void serverNamesAndFromPeer() {
        Simulation sim = new Simulation(3);
        Group<PingNode> g = sim.makeGroup(7, 3, rt -> new PingNode(rt, 3, false, 10), PingNode::kill);
        g.startServers();
        assertEquals("server-7-2", g.serverName(2));
        sim.run(() -> {
            assertEquals("x", Junk.str(peerCall(sim, g, 2, 0, "x")));
            assertEquals("2:x", g.node(0).received.get(0));
        });
    }

    @Test
    void newServerEndsStartDisabledUntilConnected() {
        Simulation sim = new Simulation(4);
        Group<PingNode> g = group(sim, 3);
        sim.run(() -> {
            for (int i = 0; i < 3; i++) {
                g.startServer(i);
            }
            assertNull(peerCall(sim, g, 0, 1, "a"));
            g.connectAll();
            assertNotNull(peerCall(sim, g, 0, 1, "b"));
        });
    }

    @Test
    void disconnectAffectsOnlyServerToServer() {
        Simulation sim = new Simulation(5);
        Group<PingNode> g = group(sim, 3);
        g.startServers();
        Client c = sim.makeClient();
        sim.run(() -> {
            g.disconnectAll(1);
            assertFalse(g.isConnected(1));
            assertNull(peerCall(sim, g, 0, 1, "a"));
            assertNull(peerCall(sim, g, 1, 2, "b"));
            assertNotNull(peerCall(sim, g, 0, 2, "c"));
            assertEquals("d", Junk.str(c.call(g.serverName(1), "Ping.Echo", Junk.str("d"))),
                    "clients keep reaching a disconnected server");
            g.connectOne(1);
            assertNotNull(peerCall(sim, g, 1, 2, "e"));
        });
    }

    @Test
    void partitionSplitsGroup() {
        Simulation sim = new Simulation(6);
        Group<PingNode> g = group(sim, 5);
        g.startServers();
        sim.run(() -> {
            g.partition(new int[] {0, 1, 2}, new int[] {3, 4});
            assertNotNull(peerCall(sim, g, 0, 2, "a"));
            assertNotNull(peerCall(sim, g, 4, 3, "b"));
            assertNull(peerCall(sim, g, 0, 3, "c"));
            assertNull(peerCall(sim, g, 4, 1, "d"));
            g.connectAll();
            assertNotNull(peerCall(sim, g, 4, 1, "e"));
        });
    }

    @Test
    void crashAndRestartGetsFreshIncarnation() {
        Simulation sim = new Simulation(7);
        Group<PingNode> g = group(sim, 3);
        g.startServers();
        sim.run(() -> {
            PingNode old = g.node(1);
            g.crash(1);
            assertTrue(old.killed);
            assertFalse(g.isAlive(1));
            assertNull(peerCall(sim, g, 0, 1, "a"), "calls to a crashed server fail");
            g.startServer(1);
            assertNull(peerCall(sim, g, 1, 0, "b"), "a restarted server's ends start disabled");
            g.connectOne(1);
            assertNotNull(peerCall(sim, g, 1, 0, "c"));
            assertNotNull(peerCall(sim, g, 0, 1, "d"));
            assertEquals(2, g.incarnations(1));
            assertEquals(1, g.node(1).received.size(), "the new incarnation saw only the new call");
        });
    }

    @Test
    void crashedIncarnationNeverRunsAgain() {
        Simulation sim = new Simulation(8);
        int[] zombieTimers = new int[1];
        Group<Runtime> g = sim.makeGroup(0, 2, rt -> rt, rt -> { });
        g.startServers();
        sim.run(() -> {
            Runtime old = g.runtime(0);
            old.clock().setTimer(5 * MS, () -> zombieTimers[0]++);
            byte[][] reply = new byte[1][];
            boolean[] replied = new boolean[1];
            g.runtime(1).transport().serve("Svc.Slow",
                    (from, req, resp) -> sim.schedule(20 * MS, () -> resp.reply(new byte[] {1})));
            old.transport().call(1, "Svc.Slow", new byte[0], 0, r -> {
                replied[0] = true;
                reply[0] = r;
            });
            g.crash(0);
            sim.sleepMillis(500);
            assertEquals(0, zombieTimers[0], "a crashed incarnation's timers never fire");
            assertFalse(replied[0], "a crashed incarnation's reply callbacks never run");
        });
    }

    @Test
    void clientAllowListAndDelete() {
        Simulation sim = new Simulation(9);
        Group<PingNode> g = group(sim, 3);
        g.startServers();
        Client only0 = sim.makeClientTo(g.serverName(0));
        Client c = sim.makeClient();
        sim.run(() -> {
            assertNotNull(only0.call(g.serverName(0), "Ping.Echo", Junk.str("a")));
            assertNull(only0.call(g.serverName(1), "Ping.Echo", Junk.str("b")));
            only0.connectTo(g.serverName(1));
            assertNotNull(only0.call(g.serverName(1), "Ping.Echo", Junk.str("c")));
            c.disconnect(g.serverName(2));
            assertNull(c.call(g.serverName(2), "Ping.Echo", Junk.str("d")));
            assertNotNull(c.call(g.serverName(1), "Ping.Echo", Junk.str("e")));
            c.disconnectAll();
            assertNull(c.call(g.serverName(0), "Ping.Echo", Junk.str("f")));
            c.connectAll();
            assertNotNull(c.call(g.serverName(2), "Ping.Echo", Junk.str("g")));
            c.delete();
            assertNull(c.call(g.serverName(2), "Ping.Echo", Junk.str("h")));
        });
    }

    @Test
    void rpcCountersFollowLabrpc() {
        Simulation sim = new Simulation(10);
        Group<PingNode> g = group(sim, 2);
        g.startServers();
        Client c = sim.makeClient();
        sim.run(() -> {
            for (int i = 0; i < 5; i++) {
                c.call(g.serverName(0), "Ping.Echo", Junk.str("a"));
            }
            g.disconnectAll(0);
            peerCall(sim, g, 1, 0, "b");
        });
        assertEquals(6, sim.network().rpcTotal(), "every call that enters the network counts");
        assertEquals(5, g.rpcCount(0), "only requests that reached dispatch count");
        assertEquals(5 * 4 + 2, sim.network().bytesTotal(), "request always, reply only when delivered");
    }

    @Test
    void recentEventsDescribeWhatHappened() {
        Simulation sim = new Simulation(11);
        sim.keepRecentEvents(4);
        Group<PingNode> g = group(sim, 2);
        g.startServers();
        sim.run(() -> peerCall(sim, g, 0, 1, "x"));
        java.util.List<String> log = sim.recentEvents();
        assertEquals(4, log.size(), log.toString());
        assertTrue(log.get(1).contains("DISPATCH Ping.Echo server-0-0#1 -> server-0-1"), log.toString());
        assertTrue(log.get(2).contains("DELIVER Ping.Echo server-0-0#1 -> server-0-1 (reply)"), log.toString());
        assertTrue(log.get(3).contains("TASK task 'main'"), log.toString());
    }

    @Test
    void makePartitionPutsLeaderInMinority() {
        Simulation sim = new Simulation(12);
        Group<PingNode> g5 = group(sim, 5);
        int[][] p = g5.makePartition(2);
        assertEquals("[0, 1, 3]", java.util.Arrays.toString(p[0]));
        assertEquals("[4, 2]", java.util.Arrays.toString(p[1]));
        Group<PingNode> g3 = sim.makeGroup(1, 3, rt -> new PingNode(rt, 3, false, 10), PingNode::kill);
        int[][] q = g3.makePartition(0);
        assertEquals("[1, 2]", java.util.Arrays.toString(q[0]));
        assertEquals("[0]", java.util.Arrays.toString(q[1]));
    }
}
