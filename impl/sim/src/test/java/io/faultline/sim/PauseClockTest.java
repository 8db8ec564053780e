package io.faultline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.runtime.Runtime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pause/resume (SIGSTOP-like) and clock skew of group servers. */
class PauseClockTest {
    private static final long MS = 1_000_000L;

    private static Group<Runtime> group(Simulation sim, int n) {
        Group<Runtime> g = sim.makeGroup(0, n, rt -> {
            rt.transport().serve("Svc.Echo", (f, r, x) -> x.reply(r));
            return rt;
        }, rt -> { });
        g.startServers();
        return g;
    }

    @Test
    void pausedNodeRunsNothingUntilResumed() {
        Simulation sim = new Simulation(1);
        Group<Runtime> g = group(sim, 2);
        List<Long> firedAt = new ArrayList<>();
        Client c = sim.makeClient();
        sim.run(() -> {
            Runtime rt = g.runtime(0);
            rt.clock().setTimer(10 * MS, () -> firedAt.add(sim.nowNanos()));
            long cancelled = rt.clock().setTimer(20 * MS, () -> firedAt.add(-1L));
            g.pause(0);
            assertTrue(g.isPaused(0));
            SimTask<byte[]> call = sim.spawnValue("caller", () -> c.call(g.serverName(0), "Svc.Echo", Junk.str("x")));
            sim.sleepMillis(50);
            assertTrue(firedAt.isEmpty(), "timers of a paused node do not fire");
            assertFalse(call.isDone(), "a request to a paused node waits");
            rt.clock().cancelTimer(cancelled);
            g.resume(0);
            assertEquals("x", Junk.str(call.join()));
            assertEquals(List.of(50 * MS), firedAt, "the missed timer fires at resume; the cancelled one never");
            assertEquals(1, g.rpcCount(0));
        });
    }

    @Test
    void callerTimesOutAndCrashFailsWaitingRequests() {
        Simulation sim = new Simulation(2);
        Group<Runtime> g = group(sim, 2);
        sim.run(() -> {
            g.pause(1);
            Runtime rt0 = g.runtime(0);
            byte[] r = sim.awaitResult(cb -> rt0.transport().call(1, "Svc.Echo", new byte[] {1}, 30 * MS, cb));
            assertNull(r, "the caller's timeout fires while the peer is paused");
            Client c = sim.makeClient();
            SimTask<byte[]> waiting = sim.spawnValue("caller", () -> c.call(g.serverName(1), "Svc.Echo", new byte[] {2}));
            sim.sleepMillis(10);
            long t0 = sim.nowNanos();
            g.crash(1);
            assertNull(waiting.join());
            assertTrue(sim.nowNanos() - t0 <= 100 * MS);
        });
    }

    @Test
    void pauseKeepsDeterminism() {
        long[] hashes = new long[2];
        for (int k = 0; k < 2; k++) {
            Simulation sim = new Simulation(3);
            Group<PingNode> g = sim.makeGroup(0, 3, rt -> new PingNode(rt, 3, true, 10), PingNode::kill);
            g.startServers();
            sim.run(() -> {
                for (int i = 0; i < 20; i++) {
                    g.pause(i % 3);
                    sim.sleepMillis(37);
                    g.resume(i % 3);
                    sim.sleepMillis(11);
                }
            });
            hashes[k] = sim.traceHash();
        }
        assertEquals(hashes[0], hashes[1]);
    }

    @Test
    void clockOffsetSkewsOnlyThatNodeAndSurvivesRestart() {
        Simulation sim = new Simulation(4);
        Group<Runtime> g = group(sim, 2);
        sim.run(() -> {
            sim.sleepMillis(5);
            g.setClockOffsetNanos(1, -3 * MS);
            assertEquals(5 * MS, g.runtime(0).clock().nowNanos());
            assertEquals(2 * MS, g.runtime(1).clock().nowNanos());
            g.crash(1);
            g.restart(1);
            assertEquals(2 * MS, g.runtime(1).clock().nowNanos());
            long[] firedAt = new long[1];
            g.runtime(1).clock().setTimer(4 * MS, () -> firedAt[0] = sim.nowNanos());
            sim.sleepMillis(10);
            assertEquals(9 * MS, firedAt[0], "timers still fire after their delay in virtual time");
        });
    }
}
