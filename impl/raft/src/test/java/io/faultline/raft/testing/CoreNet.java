package io.faultline.raft.testing;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.raft.api.Applied;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.core.CoreOptions;
import io.faultline.raft.core.Entry;
import io.faultline.raft.core.MessageCodec;
import io.faultline.raft.core.Outgoing;
import io.faultline.raft.core.PersistentState;
import io.faultline.raft.core.RaftCore;
import io.faultline.raft.core.RaftMessage;
import io.faultline.raft.core.Ready;
import io.faultline.raft.storage.RaftStorage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A tiny synchronous network of {@link RaftCore}s for unit tests: no runtime, no time, messages go
 * through the real codec and the real {@link RaftStorage} on {@link MemStorage}. Delivery is FIFO;
 * cut links and down nodes turn requests into failed calls.
 */
public final class CoreNet {
    public final int n;
    public final RaftConfig config;
    public final CoreOptions options;
    public final RaftCore[] cores;
    public final MemStorage[] disks;
    public final RaftStorage[] stores;
    public final boolean[] down;
    public final boolean[][] cut;
    /** Everything each node handed to its service, in order (across restarts). */
    public final List<List<Applied>> applied = new ArrayList<>();
    /** Leaders seen per term: term -> node ids (must stay single-valued). */
    public final TreeMap<Long, java.util.TreeSet<Integer>> leadersByTerm = new TreeMap<>();
    public long bytesSent;
    /** Request bytes sent to each node (whether or not they arrived). */
    public final long[] requestBytesTo;
    public long rpcCount;
    private final Rng rng;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final TreeMap<Long, Object[]> tokens = new TreeMap<>();
    private long nextToken;

    public CoreNet(int n, long seed, CoreOptions options) {
        this(RaftConfig.defaults(n), seed, options);
    }

    public CoreNet(RaftConfig config, long seed, CoreOptions options) {
        this.n = config.nodeCount();
        this.config = config;
        this.options = options;
        this.rng = new Rng(seed);
        this.cores = new RaftCore[n];
        this.disks = new MemStorage[n];
        this.stores = new RaftStorage[n];
        this.down = new boolean[n];
        this.cut = new boolean[n][n];
        this.requestBytesTo = new long[n];
        for (int i = 0; i < n; i++) {
            disks[i] = new MemStorage();
            applied.add(new ArrayList<>());
            restart(i);
        }
    }

    /** Starts node i from the given state (persisted into its disk through a fresh store first). */
    public void restart(int i) {
        RaftStorage.Loaded loaded = RaftStorage.load(disks[i], i);
        stores[i] = loaded.storage();
        cores[i] = new RaftCore(i, config, options, rng.fork("node" + i), loaded.state());
        down[i] = false;
    }

    /** Replaces node i's disk by one holding {@code state}, then restarts it from that disk. */
    public void setState(int i, PersistentState state) {
        disks[i] = new MemStorage();
        RaftStorage fresh = RaftStorage.load(disks[i], i).storage();
        fresh.persist(new Ready(state.hardState(), 0, state.entries(), state.snapshot(), List.of(), null, List.of(),
                0));
        fresh.afterSync();
        restart(i);
    }

    public void crash(int i) {
        down[i] = true;
    }

    public void isolate(int i, boolean isolated) {
        for (int j = 0; j < n; j++) {
            if (j != i) {
                cut[i][j] = isolated;
                cut[j][i] = isolated;
            }
        }
    }

    public void healAll() {
        for (boolean[] row : cut) {
            java.util.Arrays.fill(row, false);
        }
    }

    private boolean linked(int a, int b) {
        return !down[a] && !down[b] && !cut[a][b];
    }

    /** Ticks every live node once, then delivers until quiet. */
    public void tickAll() {
        for (int i = 0; i < n; i++) {
            if (!down[i]) {
                cores[i].tick();
            }
        }
        settle();
    }

    public void tickAll(int times) {
        for (int t = 0; t < times; t++) {
            tickAll();
        }
    }

    public void tick(int i) {
        cores[i].tick();
        settle();
    }

    /** Processes Readies and deliveries until nothing is left. */
    public void settle() {
        for (int round = 0; round < 100_000; round++) {
            boolean progress = false;
            for (int i = 0; i < n; i++) {
                if (!down[i] && cores[i].hasReady()) {
                    handleReady(i, cores[i].ready());
                    progress = true;
                }
            }
            while (!queue.isEmpty()) {
                queue.poll().run();
                progress = true;
            }
            observeLeaders();
            if (!progress) {
                return;
            }
        }
        throw new AssertionError("network did not settle");
    }

    private void observeLeaders() {
        for (int i = 0; i < n; i++) {
            if (!down[i] && cores[i].role() == RaftStatus.Role.LEADER) {
                leadersByTerm.computeIfAbsent(cores[i].term(), t -> new java.util.TreeSet<>()).add(i);
            }
        }
    }

    public void handleReady(int i, Ready rd) {
        stores[i].persist(rd);
        stores[i].afterSync();
        for (Outgoing out : rd.messages()) {
            byte[] bytes = MessageCodec.encode(out.message());
            bytesSent += bytes.length;
            RaftMessage m = MessageCodec.decode(bytes);
            if (out.isReply()) {
                Object[] t = tokens.remove(out.replyToken());
                int caller = (Integer) t[0];
                Outgoing sent = (Outgoing) t[1];
                boolean ok = linked(i, caller);
                queue.add(() -> {
                    if (!down[caller]) {
                        cores[caller].stepReply(sent, ok ? m : null);
                    }
                });
            } else {
                rpcCount++;
                int to = out.to();
                requestBytesTo[to] += bytes.length;
                queue.add(() -> {
                    if (down[i]) {
                        return;
                    }
                    if (!linked(i, to)) {
                        cores[i].stepReply(out, null);
                        return;
                    }
                    long token = nextToken++;
                    tokens.put(token, new Object[] {i, out});
                    cores[to].stepRequest(i, m, token);
                });
            }
        }
        if (rd.snapshotToApply() != null) {
            var s = rd.snapshotToApply();
            applied.get(i).add(new Applied.Snapshot(s.index(), s.term(), s.data()));
        }
        for (Entry e : rd.committedEntries()) {
            applied.get(i).add(new Applied.Command(e.index(), e.term(), e.command()));
        }
        cores[i].advance(rd);
    }

    /** The current leader with the highest term among live nodes, or -1. */
    public int leader() {
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (!down[i] && cores[i].role() == RaftStatus.Role.LEADER
                    && (best < 0 || cores[i].term() > cores[best].term())) {
                best = i;
            }
        }
        return best;
    }

    /** Ticks until some live node leads (and every node heard of it), or fails. */
    public int electLeader() {
        for (int t = 0; t < 2000; t++) {
            tickAll();
            int l = leader();
            if (l >= 0) {
                return l;
            }
        }
        throw new AssertionError("no leader elected");
    }

    /** Ticks until a live node other than {@code old} leads with the highest term, or fails. */
    public int electLeaderOtherThan(int old) {
        for (int t = 0; t < 2000; t++) {
            tickAll();
            int l = leader();
            if (l >= 0 && l != old) {
                return l;
            }
        }
        throw new AssertionError("no new leader elected");
    }

    /** Command bytes each node applied at each index (snapshots recorded as their index only). */
    public TreeMap<Long, byte[]> appliedCommands(int i) {
        TreeMap<Long, byte[]> m = new TreeMap<>();
        for (Applied a : applied.get(i)) {
            if (a instanceof Applied.Command c) {
                m.put(c.index(), c.command());
            }
        }
        return m;
    }

    /** Fails if two nodes applied different commands at one index (state machine safety). */
    public void checkStateMachineSafety() {
        TreeMap<Long, byte[]> seen = new TreeMap<>();
        TreeMap<Long, Integer> by = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            for (var e : appliedCommands(i).entrySet()) {
                byte[] prev = seen.putIfAbsent(e.getKey(), e.getValue());
                by.putIfAbsent(e.getKey(), i);
                if (prev != null && !java.util.Arrays.equals(prev, e.getValue())) {
                    throw new AssertionError("index " + e.getKey() + ": node " + by.get(e.getKey()) + " applied "
                            + java.util.Arrays.toString(prev) + " but node " + i + " applied "
                            + java.util.Arrays.toString(e.getValue()));
                }
            }
        }
    }
}
