package io.faultline.labs.rsm;

import io.faultline.labs.LabEnv;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.rsm.Rsm;
import io.faultline.rsm.RsmConfig;
import io.faultline.rsm.RsmErr;
import io.faultline.sim.Group;
import io.faultline.sim.Simulation;

/**
 * The rsm harness (Go {@code kvraft1/rsm/test.go}): 3 servers, reliable; each runs an {@link Rsm}
 * over the Raft under test with a {@link CounterSm}. Only Raft serves RPCs, so a crash kills just
 * Raft and the rsm above it. Submits are made directly from test tasks and block until done.
 */
public final class RsmLab {
    public static final int NSRV = 3;
    public static final long NSEC_MS = 10_000;

    /** One incarnation: its rsm and state machine. */
    public record Server(Rsm rsm, CounterSm sm) {}

    /** A Submit's outcome. */
    public record Result(RsmErr err, Object value) {}

    private final Simulation sim;
    private final LabEnv env;
    private final Group<Server> group;
    private final long[] logBytesAtCrash = new long[NSRV];
    private int leader;

    public RsmLab(Simulation sim, LabEnv env, RaftFactory factory, int maxRaftState) {
        this.sim = sim;
        this.env = env;
        RaftConfig rc = RaftConfig.defaults(NSRV);
        this.group = sim.makeGroup(0, NSRV, rt -> {
            CounterSm sm = new CounterSm(msg -> {
                throw env.fail(msg);
            });
            return new Server(new Rsm(rt, factory, rc, RsmConfig.of(maxRaftState), sm), sm);
        }, s -> s.rsm().kill());
        group.startServers();
    }

    public LabEnv env() {
        return env;
    }

    public Group<Server> group() {
        return group;
    }

    public RuntimeException fail(String message) {
        throw env.fail(message);
    }

    /** Submit on server i's current incarnation, blocking the calling task; ErrWrongLeader if it is down. */
    public Result submit(int i, byte op) {
        Server s = group.node(i);
        if (s == null) {
            return new Result(RsmErr.ErrWrongLeader, null);
        }
        return submit(s, op);
    }

    /** Submit on one given incarnation (it may have been killed since). */
    public Result submit(Server s, byte op) {
        return sim.awaitResult(cb -> s.rsm().submit(new byte[] {op}, (err, value) -> cb.accept(new Result(err, value))));
    }

    /**
     * Go onePartition: for up to NSEC, try each connected server of {@code p}, starting at the last
     * leader; the first OK result, or null on timeout. 50 ms between rounds.
     */
    public Object onePartition(int[] p, byte op) {
        long deadline = env.nowMs() + NSEC_MS;
        while (env.nowMs() < deadline) {
            for (int k = 0; k < p.length; k++) {
                int i = p[(indexOf(p, leader) + k) % p.length];
                if (!group.isConnected(i) || !group.isAlive(i)) {
                    continue;
                }
                Result r = submit(i, op);
                if (r.err() == RsmErr.OK) {
                    leader = i;
                    return r.value();
                }
            }
            env.sleepMs(50);
        }
        return null;
    }

    private static int indexOf(int[] p, int v) {
        for (int k = 0; k < p.length; k++) {
            if (p[k] == v) {
                return k;
            }
        }
        return 0;
    }

    public static int[] all() {
        int[] a = new int[NSRV];
        for (int i = 0; i < NSRV; i++) {
            a[i] = i;
        }
        return a;
    }

    /** An Inc through {@link #onePartition} on all servers; fails the test on timeout. */
    public CounterSm.IncRep oneInc() {
        return incIn(all());
    }

    public CounterSm.IncRep incIn(int[] p) {
        Object v = onePartition(p, CounterSm.INC);
        if (!(v instanceof CounterSm.IncRep rep)) {
            throw fail("Inc did not complete within " + NSEC_MS + " ms (got " + v + ")");
        }
        return rep;
    }

    /** A Null; the result may be null (timeout), as in Go's oneNull callers. */
    public Object oneNull() {
        return onePartition(all(), CounterSm.NULL);
    }

    /** Go checkCounter: up to 30 polls, sleeping 10 ms doubling to 1.28 s, until ≥ n servers have v. */
    public void checkCounter(long v, int n) {
        long sleepMs = 10;
        int have = 0;
        for (int iter = 0; iter < 30; iter++) {
            have = 0;
            for (int i = 0; i < NSRV; i++) {
                Server s = group.node(i);
                if (s != null && s.sm().counter() == v) {
                    have++;
                }
            }
            if (have >= n) {
                return;
            }
            env.sleepMs(sleepMs);
            sleepMs = Math.min(sleepMs * 2, 1280);
        }
        throw fail("checkCounter: only " + have + " servers have counter " + v + ", want " + n);
    }

    /** Go Leader: the first live server whose Raft says it is leader, or -1. */
    public int leader() {
        for (int i = 0; i < NSRV; i++) {
            Server s = group.node(i);
            if (s != null && s.rsm().raft().status().isLeader()) {
                return i;
            }
        }
        return -1;
    }

    /** Waits (up to 10 s) for a leader. */
    public int awaitLeader() {
        for (int k = 0; k < 100; k++) {
            int l = leader();
            if (l >= 0) {
                return l;
            }
            env.sleepMs(100);
        }
        throw fail("no leader");
    }

    public void shutdownAll() {
        for (int i = 0; i < NSRV; i++) {
            Server s = group.node(i);
            if (s != null) {
                logBytesAtCrash[i] = s.rsm().raft().persistedStateBytes();
            }
            group.crash(i);
        }
    }

    public void startAll() {
        group.startServers();
    }

    /** Go LogSize: the largest persisted Raft state over the servers. */
    public long logSizeBytes() {
        long max = 0;
        for (int i = 0; i < NSRV; i++) {
            Server s = group.node(i);
            RaftNode r = s == null ? null : s.rsm().raft();
            max = Math.max(max, r != null ? r.persistedStateBytes() : logBytesAtCrash[i]);
        }
        return max;
    }
}
