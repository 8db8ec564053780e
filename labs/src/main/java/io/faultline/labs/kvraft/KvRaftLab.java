package io.faultline.labs.kvraft;

import io.faultline.core.Rng;
import io.faultline.kvraft.KvRaftClerk;
import io.faultline.kvraft.KvRaftServer;
import io.faultline.kvraft.KvRaftVariant;
import io.faultline.kvsrv.KvLimits;
import io.faultline.labs.LabEnv;
import io.faultline.labs.kvsrv.KvTester;
import io.faultline.labs.kvsrv.KvsrvLab;
import io.faultline.labs.kvsrv.SimClerkTransport;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.sim.Client;
import io.faultline.sim.Group;
import io.faultline.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The kvraft harness (Go {@code kvraft1/test.go}): n servers, each a {@link KvRaftServer} over the
 * Raft under test; clerks that know every server name but may be restricted to some.
 */
public final class KvRaftLab {
    /** The Raft implementation's snapshot file, read for SnapshotSize (Go persister.SnapshotSize). */
    public static final String SNAPSHOT_FILE = "raft-snapshot";

    private final Simulation sim;
    private final LabEnv env;
    private final Group<KvRaftServer> group;
    private final KvTester tester;
    private final long[] logBytesAtCrash;
    private final int maxRaftState;
    private long nextClerkId;

    public KvRaftLab(Simulation sim, LabEnv env, RaftFactory factory, int servers, int maxRaftState,
            KvRaftVariant variant) {
        this.sim = sim;
        this.env = env;
        this.maxRaftState = maxRaftState;
        this.logBytesAtCrash = new long[servers];
        RaftConfig rc = RaftConfig.defaults(servers);
        this.group = sim.makeGroup(0, servers,
                rt -> new KvRaftServer(rt, factory, rc, maxRaftState, KvLimits.defaults(), variant), KvRaftServer::kill);
        group.startServers();
        this.tester = new KvTester(sim, env, this::makeClerk);
    }

    public KvTester tester() {
        return tester;
    }

    public LabEnv env() {
        return env;
    }

    public Group<KvRaftServer> group() {
        return group;
    }

    public int size() {
        return group.size();
    }

    public int maxRaftState() {
        return maxRaftState;
    }

    public RuntimeException fail(String message) {
        throw env.fail(message);
    }

    private KvTester.TestClerk makeClerk(int[] allowedOrNull) {
        Client client;
        if (allowedOrNull == null) {
            client = sim.makeClient();
        } else {
            String[] names = new String[allowedOrNull.length];
            for (int k = 0; k < names.length; k++) {
                names[k] = group.serverName(allowedOrNull[k]);
            }
            client = sim.makeClientTo(names);
        }
        SimClerkTransport t = new SimClerkTransport(sim, client, KvsrvLab.CALL_LATENCY_MIN_US,
                KvsrvLab.CALL_LATENCY_MAX_US);
        return new KvTester.TestClerk(nextClerkId++, new KvRaftClerk(t, group.serverNames()), t);
    }

    /** The first live server whose Raft says it is leader, waiting up to 10 s. */
    public int awaitLeader() {
        for (int k = 0; k < 100; k++) {
            for (int i = 0; i < group.size(); i++) {
                KvRaftServer s = group.node(i);
                if (s != null && s.raft().status().isLeader()) {
                    return i;
                }
            }
            env.sleepMs(100);
        }
        throw fail("no leader within 10 s");
    }

    public void shutdownAll() {
        for (int i = 0; i < group.size(); i++) {
            KvRaftServer s = group.node(i);
            if (s != null) {
                logBytesAtCrash[i] = s.raft().persistedStateBytes();
            }
            group.crash(i);
        }
    }

    /** StartServer for all, then ConnectAll. */
    public void startAll() {
        group.startServers();
    }

    /** Go LogSize: the largest persisted Raft state over the servers. */
    public long logSizeBytes() {
        long max = 0;
        for (int i = 0; i < group.size(); i++) {
            KvRaftServer s = group.node(i);
            RaftNode r = s == null ? null : s.raft();
            max = Math.max(max, r != null ? r.persistedStateBytes() : logBytesAtCrash[i]);
        }
        return max;
    }

    /** Go SnapshotSize: the largest snapshot file over the servers. */
    public long snapshotSizeBytes() {
        long max = 0;
        for (int i = 0; i < group.size(); i++) {
            max = Math.max(max, group.storageSizeBytes(i, SNAPSHOT_FILE));
        }
        return max;
    }

    /** Go Partitioner: random two-way partitions every 1 s + U[0,200) ms until {@code stop}. */
    public void partitioner(AtomicBoolean stop) {
        Rng r = env.random();
        while (!stop.get()) {
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                (r.nextBoolean() ? a : b).add(i);
            }
            group.partition(toArray(a), toArray(b));
            env.sleepMs(1000 + r.nextInt(200));
        }
    }

    private static int[] toArray(List<Integer> l) {
        int[] out = new int[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = l.get(k);
        }
        return out;
    }
}
