package io.faultline.sim;

import io.faultline.core.Check;
import io.faultline.core.runtime.Runtime;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A group of servers, as 6.5840's tester1 ServerGrp (spec §1.2). Server i is named
 * {@code server-<gid>-<i>}. Connectivity calls affect only server-to-server ends; clients keep
 * reaching a disconnected server. A crash disconnects the server, deletes it from the network, cuts
 * its incarnation off (its timers, replies, handlers and sync completions never run again; its
 * later storage writes are never seen), keeps what its storage had made durable, and kills its
 * object. A start makes a new incarnation with brand-new disabled ends and a copy of that storage.
 *
 * <p>Call these methods from a task, from a harness callback, or before {@link Simulation#run}.
 */
public final class Group<T> {
    private final Simulation sim;
    private final int gid;
    private final int n;
    private final StartFunction<T> start;
    private final Consumer<? super T> killer;
    private final Slot<T>[] slots;
    private final boolean[] connected;

    private static final class Slot<T> {
        SimNodeRuntime rt;
        T node;
        boolean alive;
        End[] ends;
        int incarnations;
        long clockOffsetNanos;
        TreeMap<String, byte[]> saved = new TreeMap<>();
    }

    @SuppressWarnings("unchecked")
    Group(Simulation sim, int gid, int n, StartFunction<T> start, Consumer<? super T> killer) {
        Check.inRange(n, 1, 1000, "group size");
        Check.that(gid >= 0, "negative gid %s", gid);
        this.sim = sim;
        this.gid = gid;
        this.n = n;
        this.start = Check.notNull(start, "start");
        this.killer = Check.notNull(killer, "killer");
        this.slots = new Slot[n];
        for (int i = 0; i < n; i++) {
            slots[i] = new Slot<>();
        }
        this.connected = new boolean[n];
    }

    public int gid() {
        return gid;
    }

    public int size() {
        return n;
    }

    /** {@code server-<gid>-<i>}. */
    public String serverName(int i) {
        return "server-" + gid + "-" + i;
    }

    /** All server names, in index order. */
    public String[] serverNames() {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = serverName(i);
        }
        return names;
    }

    /** The live incarnation's object of server i, or null if it is crashed or never started. */
    public T node(int i) {
        Slot<T> s = slot(i);
        return s.alive ? s.node : null;
    }

    /** The live incarnation's runtime of server i, or null. */
    public Runtime runtime(int i) {
        Slot<T> s = slot(i);
        return s.alive ? s.rt : null;
    }

    public boolean isAlive(int i) {
        return slot(i).alive;
    }

    /** 6.5840 IsConnected: the connected flag (a crashed server may still be flagged connected). */
    public boolean isConnected(int i) {
        slot(i);
        return connected[i];
    }

    /** How many incarnations server i has had. */
    public int incarnations(int i) {
        return slot(i).incarnations;
    }

    /**
     * StartServer: a new incarnation (crashing the live one first, if any) with brand-new disabled
     * ends and a copy of the durable storage. Does not connect it.
     */
    public T startServer(int i) {
        Slot<T> s = slot(i);
        if (s.alive) {
            crash(i);
        }
        s.incarnations++;
        NodeContext ctx = sim.newContext(serverName(i) + "#" + s.incarnations);
        ctx.clockOffsetNanos = s.clockOffsetNanos;
        End[] ends = new End[n];
        for (int j = 0; j < n; j++) {
            ends[j] = sim.network().makeEnd(serverName(j), i, ctx);
        }
        SimStorage storage = new SimStorage(sim, ctx, s.saved);
        SimServer server = sim.network().addServer(serverName(i), ctx);
        s.rt = new SimNodeRuntime(sim, ctx, i, ends, server, storage);
        s.ends = ends;
        s.alive = true;
        s.node = start.start(s.rt);
        return s.node;
    }

    /** StartServers: start every server, then {@link #connectAll()}. */
    public void startServers() {
        for (int i = 0; i < n; i++) {
            startServer(i);
        }
        connectAll();
    }

    /** Restart = {@link #startServer} then {@link #connectOne}. */
    public T restart(int i) {
        T node = startServer(i);
        connectOne(i);
        return node;
    }

    /**
     * ShutdownServer (a crash): disconnect from all, delete from the network, keep the durable
     * storage, cut the incarnation off, then kill its object. Does nothing if not alive.
     */
    public void crash(int i) {
        Slot<T> s = slot(i);
        if (!s.alive) {
            return;
        }
        disconnectAll(i);
        sim.network().deleteIfCurrent(s.rt.server);
        s.saved = s.rt.storage.crashImage(sim.options().tornWrites(), s.rt.ctx.rng);
        s.rt.ctx.alive = false;
        sim.network().failPausedCalls(s.rt.ctx);
        s.alive = false;
        T old = s.node;
        s.node = null;
        killer.accept(old);
    }

    /**
     * Pauses server i like SIGSTOP: none of its timers, handlers, replies or sync completions run
     * until {@link #resume}; requests to it wait (callers may time out). Its network ends keep
     * their state. Does nothing if it is not alive.
     */
    public void pause(int i) {
        Slot<T> s = slot(i);
        if (s.alive) {
            s.rt.ctx.paused = true;
        }
    }

    /** Resumes a paused server: what it missed runs now, in the original order. */
    public void resume(int i) {
        Slot<T> s = slot(i);
        if (s.alive && s.rt.ctx.paused) {
            sim.network().resume(s.rt.ctx);
        }
    }

    public boolean isPaused(int i) {
        Slot<T> s = slot(i);
        return s.alive && s.rt.ctx.paused;
    }

    /**
     * Skews server i's clock: its {@code Runtime.clock().nowNanos()} reads virtual time plus
     * {@code offsetNanos} (timers still fire after their delay). Kept across restarts, like a
     * machine's clock.
     */
    public void setClockOffsetNanos(int i, long offsetNanos) {
        Slot<T> s = slot(i);
        s.clockOffsetNanos = offsetNanos;
        if (s.alive) {
            s.rt.ctx.clockOffsetNanos = offsetNanos;
        }
    }

    public long clockOffsetNanos(int i) {
        return slot(i).clockOffsetNanos;
    }

    /** Shutdown: crash every server. */
    public void shutdown() {
        for (int i = 0; i < n; i++) {
            crash(i);
        }
    }

    /** connect(i, to): mark i connected; enable i's ends to connected peers in to, and theirs to i. */
    public void connect(int i, int... to) {
        slot(i);
        connected[i] = true;
        End[] mine = slots[i].ends;
        for (int j : to) {
            if (isConnected(j) && mine != null) {
                mine[j].enable(true);
            }
        }
        for (int j : to) {
            End[] theirs = slots[j].ends;
            if (isConnected(j) && theirs != null) {
                theirs[i].enable(true);
            }
        }
    }

    /** disconnect(i, from): mark i disconnected; disable ends both ways. */
    public void disconnect(int i, int... from) {
        slot(i);
        connected[i] = false;
        End[] mine = slots[i].ends;
        for (int j : from) {
            slot(j);
            if (mine != null) {
                mine[j].enable(false);
            }
            End[] theirs = slots[j].ends;
            if (theirs != null) {
                theirs[i].enable(false);
            }
        }
    }

    /** ConnectOne(i): connect i to all servers. */
    public void connectOne(int i) {
        connect(i, all());
    }

    /** DisconnectAll(i): disconnect i from all servers. */
    public void disconnectAll(int i) {
        disconnect(i, all());
    }

    /** ConnectAll: ConnectOne for every server. */
    public void connectAll() {
        for (int i = 0; i < n; i++) {
            connectOne(i);
        }
    }

    /** Partition(p1, p2): each part is disconnected from the other and connected within itself. */
    public void partition(int[] p1, int[] p2) {
        for (int i : p1) {
            disconnect(i, p2);
            connect(i, p1);
        }
        for (int i : p2) {
            disconnect(i, p1);
            connect(i, p2);
        }
    }

    /**
     * 6.5840 MakePartition(l): p1 holds n/2+1 servers other than {@code leader}, in index order;
     * p2 holds the rest with {@code leader} last. As in the original, for an even n the unfilled
     * slot of p2 stays 0. Returns {p1, p2}.
     */
    public int[][] makePartition(int leader) {
        slot(leader);
        int[] p1 = new int[n / 2 + 1];
        int[] p2 = new int[n / 2];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (i == leader) {
                continue;
            }
            if (j < p1.length) {
                p1[j] = i;
            } else if (j - p1.length < p2.length) {
                p2[j - p1.length] = i;
            }
            j++;
        }
        if (p2.length > 0) {
            p2[p2.length - 1] = leader;
        }
        return new int[][] {p1, p2};
    }

    /** Requests that reached dispatch on server i's current incarnation (6.5840 RpcCount). */
    public long rpcCount(int i) {
        return sim.network().rpcCount(serverName(i));
    }

    /** Visible size of file {@code name} of server i (the saved size while it is down). */
    public long storageSizeBytes(int i, String name) {
        Slot<T> s = slot(i);
        if (s.alive) {
            return s.rt.storage.sizeBytes(name);
        }
        byte[] b = s.saved.get(name);
        return b == null ? 0 : b.length;
    }

    /** Size of file {@code name} of server i that would survive a crash now. */
    public long durableSizeBytes(int i, String name) {
        Slot<T> s = slot(i);
        if (s.alive) {
            return s.rt.storage.durableSizeBytes(name);
        }
        byte[] b = s.saved.get(name);
        return b == null ? 0 : b.length;
    }

    /** Largest {@link #storageSizeBytes} of {@code name} over the group (6.5840 LogSize style). */
    public long maxStorageSizeBytes(String name) {
        long max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, storageSizeBytes(i, name));
        }
        return max;
    }

    /** A copy of what server i would restart from if it crashed now (or restarts from, if down). */
    public Map<String, byte[]> durableImage(int i) {
        Slot<T> s = slot(i);
        return s.alive ? s.rt.storage.crashImage(false, null) : new TreeMap<>(s.saved);
    }

    private int[] all() {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private Slot<T> slot(int i) {
        Check.that(i >= 0 && i < n, "server index %s out of range [0, %s)", i, n);
        return slots[i];
    }
}
