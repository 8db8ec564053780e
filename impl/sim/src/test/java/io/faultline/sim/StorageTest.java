package io.faultline.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.runtime.Runtime;
import io.faultline.core.runtime.Storage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Storage: visibility, durability across crashes, zombie writes, fsync latency, torn writes. */
class StorageTest {
    private static final long MS = 1_000_000L;

    private static Group<Runtime> group(Simulation sim) {
        Group<Runtime> g = sim.makeGroup(0, 1, rt -> rt, rt -> { });
        g.startServers();
        return g;
    }

    private static void syncAndWait(Simulation sim, Storage s) {
        sim.awaitResult(cb -> s.sync(() -> cb.accept(Boolean.TRUE)));
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void writesVisibleAtOnceAndListSorted() {
        Simulation sim = new Simulation(1);
        Group<Runtime> g = group(sim);
        sim.run(() -> {
            Storage s = g.runtime(0).storage();
            s.write("b", bytes(1, 2));
            s.append("a", bytes(3));
            s.append("a", bytes(4, 5));
            assertArrayEquals(bytes(1, 2), s.read("b"));
            assertArrayEquals(bytes(3, 4, 5), s.read("a"));
            assertEquals(List.of("a", "b"), s.list());
            s.truncate("a", 1);
            assertArrayEquals(bytes(3), s.read("a"));
            s.delete("b");
            assertNull(s.read("b"));
            assertEquals(0, s.sizeBytes("b"));
        });
    }

    @Test
    void unsyncedWritesLostSyncedKept() {
        Simulation sim = new Simulation(2);
        Group<Runtime> g = group(sim);
        sim.run(() -> {
            Storage s = g.runtime(0).storage();
            s.append("log", bytes(1, 2, 3));
            s.write("state", bytes(9));
            syncAndWait(sim, s);
            s.append("log", bytes(4, 5));
            s.write("state", bytes(10));
            s.write("new", bytes(7));
            s.delete("state");
            assertEquals(5, g.storageSizeBytes(0, "log"));
            assertEquals(3, g.durableSizeBytes(0, "log"));
            g.crash(0);
            g.restart(0);
            Storage s2 = g.runtime(0).storage();
            assertArrayEquals(bytes(1, 2, 3), s2.read("log"));
            assertArrayEquals(bytes(9), s2.read("state"), "an unsynced delete is lost too");
            assertNull(s2.read("new"));
        });
    }

    @Test
    void syncedAfterTruncateAndRewriteKeepsExactContent() {
        Simulation sim = new Simulation(3);
        Group<Runtime> g = group(sim);
        sim.run(() -> {
            Storage s = g.runtime(0).storage();
            s.append("log", bytes(1, 2, 3, 4));
            syncAndWait(sim, s);
            s.truncate("log", 2);
            s.append("log", bytes(8, 9));
            // the durable view must not see the overwrite of bytes 2..3 before a sync
            assertEquals(Arrays.toString(bytes(1, 2, 3, 4)), Arrays.toString(g.durableImage(0).get("log")));
            syncAndWait(sim, s);
            s.append("log", bytes(7));
            g.crash(0);
            g.restart(0);
            assertArrayEquals(bytes(1, 2, 8, 9), g.runtime(0).storage().read("log"));
        });
    }

    @Test
    void crashedIncarnationWritesNeverSeen() {
        Simulation sim = new Simulation(4);
        Group<Runtime> g = group(sim);
        sim.run(() -> {
            Storage zombie = g.runtime(0).storage();
            zombie.write("state", bytes(1));
            syncAndWait(sim, zombie);
            g.crash(0);
            zombie.write("state", bytes(2));
            boolean[] synced = new boolean[1];
            zombie.sync(() -> synced[0] = true);
            sim.sleepMillis(10);
            assertFalse(synced[0], "a crashed incarnation's sync completion never runs");
            g.restart(0);
            assertArrayEquals(bytes(1), g.runtime(0).storage().read("state"));
            zombie.write("state", bytes(3));
            assertArrayEquals(bytes(1), g.runtime(0).storage().read("state"));
            g.crash(0);
            g.restart(0);
            assertArrayEquals(bytes(1), g.runtime(0).storage().read("state"));
        });
    }

    @Test
    void syncCallbackIsNeverInlineAndHonoursLatency() {
        Simulation sim = new Simulation(5, SimOptions.defaults().withFsyncLatencyNanos(3 * MS));
        Group<Runtime> g = group(sim);
        sim.run(() -> {
            Storage s = g.runtime(0).storage();
            s.write("state", bytes(1));
            long[] doneAt = {-1};
            s.sync(() -> doneAt[0] = sim.nowNanos());
            assertEquals(-1, doneAt[0], "sync must not call back from inside sync()");
            sim.sleepMillis(1);
            g.crash(0); // before the fsync completed: the write is lost
            g.restart(0);
            assertNull(g.runtime(0).storage().read("state"));
            Storage s2 = g.runtime(0).storage();
            s2.write("state", bytes(2));
            long t0 = sim.nowNanos();
            syncAndWait(sim, s2);
            assertEquals(3 * MS, sim.nowNanos() - t0);
            g.crash(0);
            g.restart(0);
            assertArrayEquals(bytes(2), g.runtime(0).storage().read("state"));
            assertEquals(-1, doneAt[0], "the crashed incarnation's sync callback never ran");
        });
    }

    @Test
    void zeroLatencySyncStillDeliveredLater() {
        Simulation sim = new Simulation(6);
        Group<Runtime> g = group(sim);
        sim.run(() -> {
            Storage s = g.runtime(0).storage();
            boolean[] done = new boolean[1];
            s.sync(() -> done[0] = true);
            assertFalse(done[0]);
            sim.yieldNow();
            assertTrue(done[0]);
        });
    }

    @Test
    void tornWritesKeepRandomPrefixOfUnsyncedAppends() {
        int shorter = 0;
        int longer = 0;
        for (int seed = 0; seed < 200; seed++) {
            Simulation sim = new Simulation(seed, SimOptions.defaults().withTornWrites(true));
            Group<Runtime> g = group(sim);
            byte[][] after = new byte[1][];
            sim.run(() -> {
                Storage s = g.runtime(0).storage();
                s.append("log", bytes(1, 2, 3));
                s.write("state", bytes(5));
                syncAndWait(sim, s);
                s.append("log", bytes(4, 5, 6, 7, 8, 9));
                s.write("state", bytes(6));
                g.crash(0);
                g.restart(0);
                after[0] = g.runtime(0).storage().read("log");
                assertArrayEquals(bytes(5), g.runtime(0).storage().read("state"), "whole-file writes are atomic");
            });
            byte[] full = bytes(1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertTrue(after[0].length >= 3 && after[0].length <= 9);
            assertArrayEquals(Arrays.copyOf(full, after[0].length), after[0], "must be a prefix");
            if (after[0].length < 9) {
                shorter++;
            }
            if (after[0].length > 3) {
                longer++;
            }
        }
        assertTrue(shorter > 50 && longer > 50, "torn lengths vary: shorter " + shorter + ", longer " + longer);
    }

    /** Regression: an atomic write() never synced used to be torn at a crash as if appended. */
    @Test
    void unsyncedAtomicWriteIsLostWholeNeverTorn() {
        for (int seed = 0; seed < 200; seed++) {
            Simulation sim = new Simulation(seed, SimOptions.defaults().withTornWrites(true));
            Group<Runtime> g = group(sim);
            sim.run(() -> {
                Storage s = g.runtime(0).storage();
                s.write("snapshot", bytes(1, 2, 3, 4, 5, 6, 7, 8));
                s.write("state", bytes(1));
                syncAndWait(sim, s);
                s.truncate("state", 0);
                s.append("state", bytes(9, 9, 9, 9));
                g.crash(0);
                g.restart(0);
                Storage after = g.runtime(0).storage();
                assertArrayEquals(bytes(1, 2, 3, 4, 5, 6, 7, 8), after.read("snapshot"));
                assertArrayEquals(bytes(1), after.read("state"), "truncate+append is not an append: kept whole");
                after.write("fresh", bytes(1, 2, 3, 4, 5, 6));
                g.crash(0);
                g.restart(0);
                org.junit.jupiter.api.Assertions.assertNull(g.runtime(0).storage().read("fresh"),
                        "an unsynced atomic write is lost whole");
            });
        }
    }

    @Test
    void badFileNameRejected() {
        Simulation sim = new Simulation(7);
        Group<Runtime> g = group(sim);
        SimulationFailure f = org.junit.jupiter.api.Assertions.assertThrows(SimulationFailure.class,
                () -> sim.run(() -> g.runtime(0).storage().write("../etc", bytes(1))));
        assertTrue(f.getMessage().contains("bad file name"), f.getMessage());
    }
}
