package io.faultline.raft.sim;

import io.faultline.raft.api.Applied;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.api.StartResult;
import io.faultline.sim.Group;
import io.faultline.sim.Simulation;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * A small 3D-style harness on the simulator: per-peer applied logs checked for agreement and
 * order, and (optionally) a snapshot taken re-entrantly from inside apply every 10 entries.
 */
final class SimCluster {
    final Simulation sim;
    final Group<RaftNode> group;
    final int n;
    final boolean snapshots;
    /** What each peer applied, index -> command (kept across restarts, as the lab harness does). */
    final TreeMap<Long, byte[]> agreed = new TreeMap<>();
    final long[] lastApplied;
    final int[] snapshotsInstalled;
    String error;

    SimCluster(Simulation sim, RaftFactory factory, int n, boolean snapshots) {
        this.sim = sim;
        this.n = n;
        this.snapshots = snapshots;
        this.lastApplied = new long[n];
        this.snapshotsInstalled = new int[n];
        RaftConfig cfg = RaftConfig.defaults(n);
        this.group = sim.makeGroup(0, n, rt -> {
            int me = rt.nodeId();
            lastApplied[me] = 0;
            RaftNode[] self = new RaftNode[1];
            self[0] = factory.create(rt, cfg, a -> onApply(me, self[0], a));
            return self[0];
        }, RaftNode::kill);
    }

    private void onApply(int me, RaftNode node, Applied a) {
        if (a instanceof Applied.Snapshot s) {
            long idx = decodeIndex(s.data());
            if (idx != s.index()) {
                error("peer " + me + ": snapshot claims " + s.index() + " but holds " + idx);
            }
            lastApplied[me] = s.index();
            snapshotsInstalled[me]++;
            return;
        }
        Applied.Command c = (Applied.Command) a;
        if (c.index() != lastApplied[me] + 1) {
            error("peer " + me + ": applied " + c.index() + " after " + lastApplied[me]);
        }
        lastApplied[me] = c.index();
        byte[] prev = agreed.putIfAbsent(c.index(), c.command());
        if (prev != null && !Arrays.equals(prev, c.command())) {
            error("peer " + me + ": index " + c.index() + " differs");
        }
        if (snapshots && (c.index() + 1) % 10 == 0) {
            node.snapshot(c.index(), encodeIndex(c.index())); // re-entrant, as the 3D harness does
        }
    }

    private void error(String msg) {
        if (error == null) {
            error = msg;
        }
    }

    static byte[] encodeIndex(long i) {
        return Long.toString(i).getBytes();
    }

    static long decodeIndex(byte[] b) {
        return Long.parseLong(new String(b));
    }

    int leader() {
        int best = -1;
        long bestTerm = -1;
        for (int i = 0; i < n; i++) {
            RaftNode r = group.node(i);
            if (r != null && group.isConnected(i) && r.status().isLeader() && r.status().term() > bestTerm) {
                best = i;
                bestTerm = r.status().term();
            }
        }
        return best;
    }

    int awaitLeader() {
        for (int round = 0; round < 10; round++) {
            sim.sleepMillis(500);
            int l = leader();
            if (l >= 0) {
                return l;
            }
        }
        throw new AssertionError("no leader within 5 s");
    }

    int appliedCount(long index) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (group.node(i) != null && lastApplied[i] >= index) {
                c++;
            }
        }
        return c;
    }

    /** The lab's one(): start on some leader, wait until {@code expected} peers applied it. */
    long one(byte[] cmd, int expected) {
        long deadline = sim.nowMillis() + 10_000;
        while (sim.nowMillis() < deadline) {
            for (int i = 0; i < n; i++) {
                RaftNode r = group.node(i);
                if (r == null || !group.isConnected(i)) {
                    continue;
                }
                StartResult s = r.start(cmd);
                if (!s.isLeader()) {
                    continue;
                }
                long until = sim.nowMillis() + 2000;
                while (sim.nowMillis() < until) {
                    if (appliedCount(s.index()) >= expected && Arrays.equals(agreed.get(s.index()), cmd)) {
                        return s.index();
                    }
                    sim.sleepMillis(20);
                }
                break;
            }
            sim.sleepMillis(50);
        }
        throw new AssertionError("one(" + new String(cmd) + ") failed to reach " + expected + " peers");
    }
}
