package io.faultline.raft.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.raft.RaftFactories;
import io.faultline.raft.api.RaftNode;
import io.faultline.sim.Simulation;
import org.junit.jupiter.api.Test;

/** Multi-node smoke tests of the driver on the deterministic simulator (labrpc-like network, long delays). */
class RaftSimTest {

    static SimCluster cluster(long seed, int n, boolean snapshots) {
        Simulation sim = new Simulation(seed);
        sim.network().setLongDelays(true);
        SimCluster c = new SimCluster(sim, RaftFactories.defaultFactory(), n, snapshots);
        c.group.startServers();
        return c;
    }

    static byte[] b(String s) {
        return s.getBytes();
    }

    @Test
    void threePeersElectOneLeader() {
        SimCluster c = cluster(1, 3, false);
        c.sim.run(() -> {
            int l = c.awaitLeader();
            long term = c.group.node(l).status().term();
            c.sim.sleepMillis(2000);
            assertEquals(l, c.leader(), "leader stays");
            for (int i = 0; i < 3; i++) {
                assertEquals(term, c.group.node(i).status().term());
                assertEquals(i == l, c.group.node(i).status().isLeader());
            }
        });
    }

    @Test
    void agreeOnCommandsFromIndexOne() {
        SimCluster c = cluster(2, 3, false);
        c.sim.run(() -> {
            c.awaitLeader();
            for (int i = 1; i <= 10; i++) {
                assertEquals(i, c.one(b("cmd" + i), 3));
            }
        });
        assertNull(c.error);
    }

    @Test
    void crashedAndRestartedPeerCatchesUp() {
        SimCluster c = cluster(3, 3, false);
        c.sim.run(() -> {
            int l = c.awaitLeader();
            c.one(b("a"), 3);
            int f = (l + 1) % 3;
            c.group.crash(f);
            for (int i = 0; i < 20; i++) {
                c.one(b("x" + i), 2);
            }
            c.group.restart(f);
            long last = c.one(b("after"), 3);
            assertEquals(22, last);
            c.group.crash(l);
            c.group.restart(l);
            c.one(b("after-leader-restart"), 3);
        });
        assertNull(c.error);
    }

    @Test
    void laggingPeerGetsInstallSnapshotAndStateStaysSmall() {
        SimCluster c = cluster(4, 3, true);
        c.sim.run(() -> {
            int l = c.awaitLeader();
            int f = (l + 1) % 3;
            c.group.disconnectAll(f);
            for (int i = 0; i < 35; i++) {
                c.one(b("v" + i), 2);
            }
            for (int i = 0; i < 3; i++) {
                RaftNode r = c.group.node(i);
                assertTrue(r.persistedStateBytes() < 2000, "peer " + i + ": " + r.persistedStateBytes());
            }
            c.group.connectAll();
            c.one(b("final"), 3);
            assertTrue(c.snapshotsInstalled[f] >= 1, "the lagging peer installed a snapshot");
            // Restarted peers start from their snapshot and never re-deliver entries below it.
            c.group.crash(f);
            c.group.restart(f);
            c.one(b("final2"), 3);
        });
        assertNull(c.error);
    }

    @Test
    void killedPeerStaysQuietAndStartDoesNotFail() {
        SimCluster c = cluster(5, 3, false);
        c.sim.run(() -> {
            int l = c.awaitLeader();
            RaftNode old = c.group.node(l);
            old.kill();
            assertTrue(!old.start(b("x")).isLeader());
            assertEquals(io.faultline.raft.api.RaftStatus.Role.DEAD, old.status().role());
            c.sim.sleepMillis(3000);
            long leaders = 0;
            for (int i = 0; i < 3; i++) {
                if (i != l && c.group.node(i).status().isLeader()) {
                    leaders++;
                }
            }
            assertEquals(1, leaders, "the two live peers elected a new leader");
        });
    }

    @Test
    void crashesWithTornWritesAndSlowFsyncNeverLoseAgreement() {
        for (long seed = 10; seed < 16; seed++) {
            Simulation sim = new Simulation(seed, io.faultline.sim.SimOptions.defaults()
                    .withFsyncLatencyNanos(3_000_000).withTornWrites(true));
            sim.network().setLongDelays(true);
            SimCluster c = new SimCluster(sim, RaftFactories.defaultFactory(), 5, true);
            c.group.startServers();
            long s = seed;
            sim.run(() -> {
                c.awaitLeader();
                io.faultline.core.Rng rng = new io.faultline.core.Rng(s);
                for (int round = 0; round < 12; round++) {
                    int victim = rng.nextInt(5);
                    for (int i = 0; i < 3; i++) {
                        int l = c.leader();
                        if (l >= 0) {
                            c.group.node(l).start(b("burst" + round + "." + i));
                        }
                    }
                    c.group.crash(victim);
                    c.one(b("r" + round), 4);
                    c.group.restart(victim);
                }
                c.one(b("end"), 5);
            });
            assertNull(c.error, "seed " + seed);
        }
    }

    @Test
    void proposalsArrivingDuringASyncAreBatched() {
        Simulation sim = new Simulation(31, io.faultline.sim.SimOptions.defaults().withFsyncLatencyNanos(5_000_000));
        SimCluster c = new SimCluster(sim, RaftFactories.defaultFactory(), 3, false);
        c.group.startServers();
        sim.run(() -> {
            int l = c.awaitLeader();
            c.one(b("warm"), 3);
            long rpcsBefore = sim.network().rpcTotal();
            long first = -1;
            for (int i = 0; i < 200; i++) {
                long idx = c.group.node(l).start(b("p" + i)).index();
                first = first < 0 ? idx : first;
                if (i % 20 == 19) {
                    sim.sleepMillis(1); // proposals keep arriving while syncs are in flight
                }
            }
            long last = first + 199;
            while (c.appliedCount(last) < 3) {
                sim.sleepMillis(5);
            }
            long rpcs = sim.network().rpcTotal() - rpcsBefore;
            assertTrue(rpcs < 100, "200 commands took " + rpcs + " RPCs: not batched");
        });
        assertNull(c.error);
    }

    @Test
    void runsAreAPureFunctionOfTheSeed() {
        long[] hashes = new long[2];
        for (int k = 0; k < 2; k++) {
            SimCluster c = cluster(77, 5, true);
            c.sim.network().setReliable(false);
            c.sim.run(() -> {
                c.awaitLeader();
                for (int i = 0; i < 15; i++) {
                    c.one(b("d" + i), 3);
                }
            });
            hashes[k] = c.sim.traceHash();
        }
        assertEquals(hashes[0], hashes[1]);
    }
}
