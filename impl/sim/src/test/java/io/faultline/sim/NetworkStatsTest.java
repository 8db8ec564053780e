package io.faultline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Loss, delay and reordering rates match their settings (spec §1.1), over many calls. */
class NetworkStatsTest {
    private static final long MS = 1_000_000L;
    private static final int CALLS = 10_000;

    /** Outcome counts and latency bounds of CALLS sequential calls from the harness context. */
    private static final class Stats {
        int ok;
        int fail;
        long okLatencyMax;
        long okLatencyMin = Long.MAX_VALUE;
        long failLatencyMax;
        long failLatencySum;
        int slowReplies;
        long dispatched;
        long bytes;
    }

    private static Stats measure(long seed, boolean reliable, boolean longDelays, boolean longReordering,
            boolean enabled) {
        Simulation sim = new Simulation(seed, SimOptions.defaults().withTimeLimitNanos(Long.MAX_VALUE / 8));
        sim.network().setReliable(reliable);
        sim.network().setLongDelays(longDelays);
        sim.network().setLongReordering(longReordering);
        SimServer server = sim.network().addServer("s");
        server.serve("Svc.Echo", (f, r, x) -> x.reply(r));
        End e = sim.network().makeEnd("s");
        e.enable(enabled);
        Stats st = new Stats();
        sim.run(() -> {
            int[] pending = {CALLS};
            for (int i = 0; i < CALLS; i++) {
                long t0 = sim.nowNanos();
                Consumer<byte[]> onReply = r -> {
                    long lat = sim.nowNanos() - t0;
                    if (r != null) {
                        st.ok++;
                        st.okLatencyMax = Math.max(st.okLatencyMax, lat);
                        st.okLatencyMin = Math.min(st.okLatencyMin, lat);
                        if (lat >= 200 * MS) {
                            st.slowReplies++;
                        }
                    } else {
                        st.fail++;
                        st.failLatencyMax = Math.max(st.failLatencyMax, lat);
                        st.failLatencySum += lat;
                    }
                    pending[0]--;
                };
                e.call("Svc.Echo", new byte[] {1, 2, 3}, 0, onReply);
                sim.sleepNanos(1000);
            }
            while (pending[0] > 0) {
                sim.sleepMillis(100);
            }
        });
        st.dispatched = server.rpcCount();
        st.bytes = sim.network().bytesTotal();
        assertEquals(CALLS, sim.network().rpcTotal());
        return st;
    }

    @Test
    void reliableDeliversEverythingWithoutDelay() {
        Stats st = measure(1, true, false, false, true);
        assertEquals(CALLS, st.ok);
        assertEquals(0, st.okLatencyMax);
        assertEquals(2L * 3 * CALLS, st.bytes);
    }

    @Test
    void unreliableLosesTenPercentEachWay() {
        Stats st = measure(2, false, false, false, true);
        double requestLoss = 1.0 - (double) st.dispatched / CALLS;
        double replyLoss = 1.0 - (double) st.ok / st.dispatched;
        assertTrue(Math.abs(requestLoss - 0.10) < 0.015, "request loss " + requestLoss);
        assertTrue(Math.abs(replyLoss - 0.10) < 0.015, "reply loss " + replyLoss);
        assertTrue(st.okLatencyMax <= 26 * MS, "delay max " + st.okLatencyMax);
        assertTrue(st.okLatencyMax >= 25 * MS, "delay should reach ~26 ms: " + st.okLatencyMax);
        assertEquals(3L * CALLS + 3L * st.ok, st.bytes, "reply bytes only for delivered replies");
    }

    @Test
    void failedCallsReturnWithinHundredMs() {
        Stats st = measure(3, true, false, false, false);
        assertEquals(CALLS, st.fail);
        assertEquals(0, st.dispatched);
        assertTrue(st.failLatencyMax <= 99 * MS, "max " + st.failLatencyMax);
        double mean = (double) st.failLatencySum / CALLS / MS;
        assertTrue(Math.abs(mean - 49.5) < 2, "mean " + mean);
    }

    @Test
    void longDelaysStretchFailuresToSevenSeconds() {
        Stats st = measure(4, true, true, false, false);
        assertEquals(CALLS, st.fail);
        assertTrue(st.failLatencyMax <= 6999 * MS && st.failLatencyMax >= 6900 * MS, "max " + st.failLatencyMax);
        double mean = (double) st.failLatencySum / CALLS / MS;
        assertTrue(Math.abs(mean - 3499.5) < 100, "mean " + mean);
    }

    @Test
    void longReorderingDelaysTwoThirdsOfReplies() {
        Stats st = measure(5, true, false, true, true);
        assertEquals(CALLS, st.ok);
        double slow = (double) st.slowReplies / CALLS;
        assertTrue(Math.abs(slow - 2.0 / 3) < 0.02, "slow fraction " + slow);
        assertTrue(st.okLatencyMax <= 2200 * MS, "max " + st.okLatencyMax);
        assertTrue(st.okLatencyMax >= 1800 * MS, "max " + st.okLatencyMax);
    }
}
