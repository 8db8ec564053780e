package io.faultline.labs.raft;

import io.faultline.labs.LabEnv;
import io.faultline.labs.LabFailure;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;

/**
 * The Raft lab harness (Go {@code raft1/test.go}), written once against {@link RaftCluster} and
 * {@link LabEnv}: leader and term checks, {@code one}, {@code wait}, crash/restart/connect.
 */
public final class RaftTester {
    /** Go {@code RaftElectionTimeout}. */
    public static final long ELECTION_TIMEOUT_MS = 1_000;
    /** Every test fails past this much (virtual) time. */
    public static final long TEST_TIME_LIMIT_MS = 120_000;
    /** Go {@code MAXLOGSIZE} for 3D. */
    public static final long LOG_SIZE_BYTES_MAX = 2_000;

    private final RaftCluster cluster;
    private final LabEnv env;
    private final int n;
    private final LeaderLedger ledger = new LeaderLedger();
    private final Trail trail = new Trail();
    private long startMs;
    private long rpcsAtBegin;
    /** First Election Safety violation reported by the runtime's watcher, surfaced at the next check. */
    private volatile String watchedViolation;

    public RaftTester(RaftCluster cluster, LabEnv env) {
        this.cluster = cluster;
        this.env = env;
        this.n = cluster.size();
        cluster.watchLeaders(this::watchedClaim);
    }

    /** A claim seen by the runtime between polls; recorded, then reported by the next check. */
    private void watchedClaim(int server, long term) {
        String violation = ledger.observe(server, term);
        if (violation != null && watchedViolation == null) {
            watchedViolation = violation + " (seen by the runtime's leader watcher at " + env.nowMs() + " ms)";
        }
    }

    public int servers() {
        return n;
    }

    public RaftCluster cluster() {
        return cluster;
    }

    public LabEnv env() {
        return env;
    }

    /** Go {@code Begin}: resets the timer and the RPC baseline. */
    public void begin() {
        startMs = env.nowMs();
        rpcsAtBegin = cluster.rpcTotal();
    }

    /** Go {@code CheckTimeout}: the test fails past 120 s, and on any apply error left over. */
    public void end() {
        checkApplyError();
        long elapsedMs = env.nowMs() - startMs;
        if (elapsedMs > TEST_TIME_LIMIT_MS) {
            throw env.fail("test took longer than 120 seconds (" + elapsedMs + " ms)");
        }
    }

    public long rpcsSinceBegin() {
        return cluster.rpcTotal() - rpcsAtBegin;
    }

    /** What the tester did and saw, last lines only. */
    public Trail trail() {
        return trail;
    }

    /** Notes a step of the scenario in the trail. */
    public void note(String what) {
        trail.add(env.nowMs(), what);
    }

    // ---- time, randomness, failure ----

    /** Sleeps, then fails at once if an applier recorded an error (Go's appliers exit the process). */
    public void sleepMs(long ms) {
        env.sleepMs(ms);
        checkApplyError();
    }

    public LabFailure fail(String format, Object... args) {
        return env.fail(args.length == 0 ? format : String.format(format, args));
    }

    /** Go {@code rand.Int()}: a non-negative 63-bit int. */
    public long randInt() {
        return env.random().nextLong() >>> 1;
    }

    /** Uniform in [0, bound). */
    public int randInt(int bound) {
        return env.random().nextInt(bound);
    }

    // ---- peers and faults ----

    /** {@code ts.srvs[i].Raft().Start(cmd)}; a crashed peer fails the test (Go would dereference nil). */
    public StartResult start(int i, byte[] command) {
        StartResult r = tryStart(i, command);
        if (r == null) {
            throw fail("Start on server %d, which is crashed", i);
        }
        return r;
    }

    /** Start on peer {@code i}, or null if it is crashed. Every leader claim goes to the ledger. */
    public StartResult tryStart(int i, byte[] command) {
        StartResult r = cluster.start(i, command);
        if (r != null && r.isLeader()) {
            observeLeader(i, r.term());
        }
        return r;
    }

    /** Peer {@code i}'s status, or null if it is crashed. Every leader claim goes to the ledger. */
    public RaftStatus status(int i) {
        RaftStatus s = cluster.status(i);
        if (s != null && s.isLeader()) {
            observeLeader(i, s.term());
        }
        return s;
    }

    /** Go {@code GetState()}: the term, or -1 when the server is crashed. */
    public long term(int i) {
        RaftStatus s = status(i);
        return s == null ? -1 : s.term();
    }

    public boolean isLeader(int i) {
        RaftStatus s = status(i);
        return s != null && s.isLeader();
    }

    private void observeLeader(int i, long term) {
        String violation = ledger.observe(i, term);
        if (violation != null) {
            throw env.fail(violation);
        }
    }

    public boolean isUp(int i) {
        return cluster.isUp(i);
    }

    public boolean isConnected(int i) {
        return cluster.isConnected(i);
    }

    public void connect(int i) {
        note("connect " + i);
        cluster.connect(i);
    }

    public void disconnect(int i) {
        note("disconnect " + i);
        cluster.disconnect(i);
    }

    /** Go {@code ShutdownServer(i)}. */
    public void crash(int i) {
        note("crash " + i);
        cluster.crash(i);
    }

    /** Go {@code ts.restart(i)}: StartServer(i), then ConnectAll of the group. */
    public void restart(int i) {
        note("restart " + i + " (then connect all)");
        cluster.restart(i);
        connectAll();
    }

    public void connectAll() {
        for (int j = 0; j < n; j++) {
            cluster.connect(j);
        }
    }

    /** Go {@code g.Shutdown()}. */
    public void crashAll() {
        note("crash all");
        for (int j = 0; j < n; j++) {
            cluster.crash(j);
        }
    }

    /** Go {@code g.StartServers()}: start every server, then connect them all. */
    public void startAll() {
        note("start all, connect all");
        for (int j = 0; j < n; j++) {
            cluster.restart(j);
        }
        connectAll();
    }

    public void setReliable(boolean reliable) {
        note(reliable ? "network reliable" : "network unreliable");
        cluster.setReliable(reliable);
    }

    public void setLongReordering(boolean on) {
        note("long reordering " + (on ? "on" : "off"));
        cluster.setLongReordering(on);
    }

    // ---- checks ----

    /** Go {@code checkOneLeader}: up to 10 rounds of 450-549 ms; one leader per term; highest term wins. */
    public int checkOneLeader() {
        for (int round = 0; round < 10; round++) {
            sleepMs(450 + env.random().nextInt(100));
            Map<Long, List<Integer>> leaders = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                if (cluster.isConnected(i)) {
                    RaftStatus s = cluster.status(i); // the ledger sees it below, after Go's own check
                    if (s != null && s.isLeader()) {
                        leaders.computeIfAbsent(s.term(), t -> new ArrayList<>()).add(i);
                    }
                }
            }
            long lastTermWithLeader = -1;
            for (Map.Entry<Long, List<Integer>> e : leaders.entrySet()) {
                if (e.getValue().size() > 1) {
                    throw fail("term %d has %d (>1) leaders: %s", e.getKey(), e.getValue().size(), e.getValue());
                }
                lastTermWithLeader = Math.max(lastTermWithLeader, e.getKey());
                observeLeader(e.getValue().get(0), e.getKey());
            }
            if (!leaders.isEmpty()) {
                int leader = leaders.get(lastTermWithLeader).get(0);
                note("checkOneLeader: " + leader + " in term " + lastTermWithLeader);
                return leader;
            }
        }
        throw fail("expected one leader, got none");
    }

    /** Go {@code checkTerms}: every connected server reports the same term. */
    public long checkTerms() {
        long term = -1;
        for (int i = 0; i < n; i++) {
            if (cluster.isConnected(i)) {
                long t = term(i);
                if (term == -1) {
                    term = t;
                } else if (term != t) {
                    throw fail("servers disagree on term (server %d has %d, earlier ones %d)", i, t, term);
                }
            }
        }
        return term;
    }

    /** Go {@code checkNoLeader}: no connected server claims leadership. */
    public void checkNoLeader() {
        for (int i = 0; i < n; i++) {
            if (cluster.isConnected(i) && isLeader(i)) {
                throw fail("expected no leader among connected servers, but %d claims to be leader", i);
            }
        }
    }

    /** Go {@code checkNoAgreement}: no server applied {@code index}. */
    public void checkNoAgreement(long index) {
        int count = nCommitted(index).count();
        if (count > 0) {
            throw fail("%d committed but no majority (index %d)", count, index);
        }
    }

    /** Go {@code nCommitted}: how many servers applied {@code index}; fails on disagreement or apply errors. */
    public ApplyLogs.Committed nCommitted(long index) {
        checkApplyError();
        ApplyLogs.Committed c = cluster.applyLogs().committed(index);
        if (c.mismatch() != null) {
            throw fail(c.mismatch());
        }
        return c;
    }

    /**
     * Go {@code one(cmd, expectedServers, retry)}: Start on connected servers round-robin until one
     * accepts, then poll every 20 ms for up to 2 s until {@code expected} servers applied {@code cmd}
     * at that index; gives up after 10 s. Returns the index.
     */
    public long one(byte[] command, int expected, boolean retry) {
        long t0 = env.nowMs();
        int starts = 0;
        while (env.nowMs() - t0 < 10_000) {
            long index = -1;
            for (int k = 0; k < n; k++) {
                starts = (starts + 1) % n;
                if (cluster.isConnected(starts) && cluster.isUp(starts)) {
                    StartResult r = tryStart(starts, command);
                    if (r != null && r.isLeader()) {
                        index = r.index();
                        break;
                    }
                }
            }
            if (index != -1) {
                note("one(" + Cmd.show(command) + "): server " + starts + " took it at index " + index);
                long t1 = env.nowMs();
                while (env.nowMs() - t1 < 2_000) {
                    ApplyLogs.Committed c = nCommitted(index);
                    if (c.count() > 0 && c.count() >= expected && Arrays.equals(c.command(), command)) {
                        note("one(" + Cmd.show(command) + ", " + expected + ") = index " + index + " on " + c.count());
                        return index;
                    }
                    sleepMs(20);
                }
                if (!retry) {
                    throw fail("one(%s) failed to reach agreement", Cmd.show(command));
                }
            } else {
                sleepMs(50);
            }
        }
        throw fail("one(%s) failed to reach agreement", Cmd.show(command));
    }

    public long one(long command, int expected, boolean retry) {
        return one(Cmd.ofInt(command), expected, retry);
    }

    /**
     * Go {@code wait(index, n, startTerm)}: polls up to 30 times (10 ms doubling to 1.28 s) until
     * {@code count} servers applied {@code index}. Returns the command, or null ("moved on", Go's
     * -1) when {@code startTerm > -1} and some server's term passed it. Fails if too few applied.
     */
    public byte[] wait(long index, int count, long startTerm) {
        long toMs = 10;
        for (int iter = 0; iter < 30; iter++) {
            if (nCommitted(index).count() >= count) {
                break;
            }
            sleepMs(toMs);
            if (toMs < 1_000) {
                toMs *= 2;
            }
            if (startTerm > -1) {
                for (int i = 0; i < n; i++) {
                    if (term(i) > startTerm) {
                        return null;
                    }
                }
            }
        }
        ApplyLogs.Committed c = nCommitted(index);
        if (c.count() < count) {
            throw fail("only %d decided for index %d; wanted %d", c.count(), index, count);
        }
        return c.command();
    }

    /** Go {@code LogSize()}: the largest persisted Raft state over the group. */
    public long logSize() {
        return cluster.logSizeBytes();
    }

    private void checkApplyError() {
        String violation = watchedViolation;
        if (violation != null) {
            throw env.fail(violation);
        }
        String error = cluster.applyLogs().error();
        if (error != null) {
            throw env.fail("apply error: " + error);
        }
    }
}
