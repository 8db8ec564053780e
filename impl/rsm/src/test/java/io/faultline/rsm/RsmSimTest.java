package io.faultline.rsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.raft.RaftFactories;
import io.faultline.raft.api.RaftConfig;
import io.faultline.sim.Group;
import io.faultline.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Submit outcomes on a 3-node simulated group (the full rsm suite lives in labs). */
class RsmSimTest {
    /** Appends each op's first byte; doOp returns a fresh object so identity can be checked. */
    static final class Log implements StateMachine {
        final List<Integer> ops = new ArrayList<>();
        Object last;

        @Override
        public Object doOp(byte[] op) {
            ops.add((int) op[0]);
            last = new Object();
            return last;
        }

        @Override
        public byte[] snapshot() {
            byte[] b = new byte[ops.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) ops.get(i);
            }
            return b;
        }

        @Override
        public void restore(byte[] s) {
            ops.clear();
            for (byte x : s) {
                ops.add((int) x);
            }
        }
    }

    record Node(Rsm rsm, Log sm) {}

    record Outcome(RsmErr err, Object value) {}

    private static Group<Node> group(Simulation sim, int maxRaftState) {
        Group<Node> g = sim.makeGroup(0, 3, rt -> {
            Log sm = new Log();
            return new Node(new Rsm(rt, RaftFactories.defaultFactory(), RaftConfig.defaults(3), RsmConfig.of(maxRaftState), sm), sm);
        }, n -> n.rsm().kill());
        g.startServers();
        return g;
    }

    private static Outcome submit(Simulation sim, Node n, int op) {
        return sim.awaitResult(cb -> n.rsm().submit(new byte[] {(byte) op}, (e, v) -> cb.accept(new Outcome(e, v))));
    }

    private static int leader(Simulation sim, Group<Node> g) {
        for (int k = 0; k < 100; k++) {
            for (int i = 0; i < 3; i++) {
                if (g.node(i) != null && g.node(i).rsm().raft().status().isLeader()) {
                    return i;
                }
            }
            sim.sleepMillis(50);
        }
        throw new AssertionError("no leader");
    }

    @Test
    void submitReturnsTheObjectDoOpReturnedAndEveryReplicaApplies() {
        Simulation sim = new Simulation(7);
        Group<Node> g = group(sim, -1);
        sim.run(() -> {
            int l = leader(sim, g);
            Outcome o = submit(sim, g.node(l), 5);
            assertEquals(RsmErr.OK, o.err());
            assertSame(g.node(l).sm().last, o.value());
            assertEquals(RsmErr.ErrNotLeader, submit(sim, g.node((l + 1) % 3), 6).err());
            sim.sleepMillis(500);
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of(5), g.node(i).sm().ops);
            }
        });
    }

    @Test
    void pendingSubmitFailsWhenLeadershipIsLostAndOnKill() {
        Simulation sim = new Simulation(8);
        Group<Node> g = group(sim, -1);
        sim.run(() -> {
            int l = leader(sim, g);
            g.disconnectAll(l);
            Node old = g.node(l);
            List<Outcome> got = new ArrayList<>();
            sim.spawn("minority", () -> got.add(submit(sim, old, 1)));
            sim.sleepMillis(1000);
            assertTrue(got.isEmpty(), "a minority submit must stay blocked while its leader keeps its term");
            g.connectOne(l);
            sim.sleepMillis(1000);
            assertEquals(List.of(new Outcome(RsmErr.ErrWrongLeader, null)), got);
            int l2 = leader(sim, g);
            g.disconnectAll(l2);
            List<Outcome> killed = new ArrayList<>();
            Node n2 = g.node(l2);
            sim.spawn("killed", () -> killed.add(submit(sim, n2, 2)));
            sim.sleepMillis(10);
            g.crash(l2);
            sim.yieldNow();
            sim.sleepMillis(1);
            assertEquals(1, killed.size());
            assertEquals(RsmErr.ErrWrongLeader, killed.get(0).err());
            assertEquals(RsmErr.ErrNotLeader, submit(sim, n2, 3).err());
        });
    }

    @Test
    void snapshotsKeepRaftStateSmallAndRestoreOnRestart() {
        Simulation sim = new Simulation(9);
        Group<Node> g = group(sim, 300);
        sim.run(() -> {
            for (int k = 0; k < 60; k++) {
                int l = leader(sim, g);
                Outcome o = submit(sim, g.node(l), k);
                if (o.err() != RsmErr.OK) {
                    k--;
                }
            }
            sim.sleepMillis(500);
            for (int i = 0; i < 3; i++) {
                assertTrue(g.node(i).rsm().raft().persistedStateBytes() <= 2 * 300,
                        "raft state " + g.node(i).rsm().raft().persistedStateBytes());
            }
            for (int i = 0; i < 3; i++) {
                g.crash(i);
            }
            g.startServers();
            // without a leader no-op, entries after the snapshot commit again only with a new-term entry
            while (submit(sim, g.node(leader(sim, g)), 99).err() != RsmErr.OK) {
                sim.sleepMillis(10);
            }
            sim.sleepMillis(1000);
            for (int i = 0; i < 3; i++) {
                List<Integer> ops = g.node(i).sm().ops;
                assertEquals(61, ops.size(), "restored from snapshot + log");
                assertEquals(59, ops.get(59));
                assertEquals(99, ops.get(60));
            }
        });
    }
}
