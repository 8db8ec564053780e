package io.faultline.vertx.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Validity;
import io.faultline.kvraft.KvRaftClerk;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.kv.TcpClerkTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvraft as real processes: 5 {@code faultline node --system kvraft} processes on 127.0.0.10-14
 * with fsync'd data dirs; concurrent clerks over TCP ({@link TcpClerkTransport}) do versioned Gets
 * and Puts on a few keys while a fault thread partitions nodes through the admin filter and
 * SIGKILLs/restarts them (at most 2 down). Every operation is recorded; after a heal and a quiet
 * period every key is read once more, and the history must be linearizable under the VersionedKv
 * model (unknown counts as failure). The history is written to {@code target/kvraft-histories/}
 * for {@code ./faultline check FILE}. The planted bug {@code bug-local-get} must make the same
 * check fail.
 */
@Tag("it")
class KvRaftProcessesIT {
    static final int NODES = 5;
    static final List<String> KEYS = List.of("k0", "k1", "k2", "k3", "k4");
    static final int CLIENTS = 5;
    static final long RUN_MS = Long.getLong("faultline.kv.runMs", 20_000);
    static final long OP_DEADLINE_MS = Long.getLong("faultline.kv.opDeadlineMs", 1_000);
    static final double CHECK_BUDGET_S = 60;
    static final Path OUT = Path.of("target", "kvraft-histories");

    @TempDir
    Path dir;

    /**
     * Loads the histories and checker classes now: another engineer's re-install of those jars into
     * the local Maven repository during the long run would otherwise break lazy class loading.
     */
    @BeforeAll
    static void loadCheckerClasses() throws Exception {
        KvOpLog warm = new KvOpLog();
        warm.invokePut(0, "w", "v", 0);
        warm.okPut(0, "w", Err.OK);
        warm.invokePut(1, "w", "u", 0);
        warm.info(1, "put", "w", "warm-up");
        warm.invokeGet(2, "w");
        warm.okGet(2, "w", "v", 1, Err.OK);
        assertEquals(Validity.TRUE, warm.check(10).valid());
        Path tmp = Files.createTempFile("kv-warm", ".jsonl");
        try {
            warm.write(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    ProcessCluster cluster(String name, int nodes, List<String> nodeArgs) {
        return cluster(name, nodes, "faultline", nodeArgs);
    }

    ProcessCluster cluster(String name, int nodes, String raft, List<String> nodeArgs) {
        return new ProcessCluster(new ProcessCluster.Options(nodes, dir.resolve(name), NodeClasspath.snapshot(dir.resolve("jars")),
                raft, 0, NodeClasspath.testJvmArgs(), Duration.ofSeconds(30), "kvraft", nodeArgs));
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void historyUnderPartitionsAndSigkillsIsLinearizable() throws Exception {
        CheckResult result = workload("kvraft", false);
        assertEquals(Validity.TRUE, result.valid(), result.summary());
    }

    /** The same workload against the correct server with ReadIndex Gets (no log entry per Get). */
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void readIndexHistoryUnderPartitionsAndSigkillsIsLinearizable() throws Exception {
        CheckResult result = workload("read-index", false);
        assertEquals(Validity.TRUE, result.valid(), result.summary());
    }

    /**
     * The same workload against {@code bug-local-get}, the faults being leader isolations of 3-5 s:
     * whether a run produces a stale read depends on timing, so this is a slow test, not a default one.
     */
    @Test
    @Tag("slow")
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void workloadCatchesPlantedLocalGetBug() throws Exception {
        CheckResult result = workload("bug-local-get", true);
        assertEquals(Validity.FALSE, result.valid(), result.summary());
    }

    /** Runs the workload under faults against {@code variant}; asserts liveness and faults; returns the verdict. */
    private CheckResult workload(String variant, boolean leaderIsolationsOnly) throws Exception {
        long seed = Long.getLong("faultline.seed", System.nanoTime());
        System.out.println("KvRaftProcessesIT seed " + seed + " (rerun with -Dfaultline.seed=" + seed + ")");
        long started = System.nanoTime();
        KvOpLog log = new KvOpLog();
        FaultStats faults = new FaultStats();
        try (ProcessCluster c = cluster("cluster-" + variant, NODES, List.of("--maxraftstate", "20000", "--variant", variant));
             RpcClient rpc = RpcClient.open("127.0.0.62")) {
            c.startAll();
            assertTrue(c.awaitLeader(Duration.ofSeconds(30)) >= 0, "initial leader");
            TcpClerkTransport tcp = new TcpClerkTransport(rpc, c.peers(), Duration.ofMillis(1000));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong processes = new AtomicLong(CLIENTS);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                long first = i;
                Random r = new Random(seed * 31 + i);
                Thread t = new Thread(() -> clientLoop(tcp, log, r, first, processes, running), "kv-client-" + i);
                t.start();
                clients.add(t);
            }
            Thread nemesis = new Thread(() -> nemesis(c, new Random(seed), running, faults, leaderIsolationsOnly), "kv-nemesis");
            nemesis.start();
            try {
                Thread.sleep(RUN_MS);
            } finally { // also on a timeout: no thread may touch the cluster after it is closed
                running.set(false);
                nemesis.join(60_000);
                if (nemesis.isAlive()) {
                    nemesis.interrupt();
                    nemesis.join(10_000);
                }
                for (Thread t : clients) {
                    t.join(OP_DEADLINE_MS + 5_000);
                }
            }
            assertTrue(!nemesis.isAlive(), "fault thread stopped");
            heal(c);
            for (int i = 0; i < NODES; i++) {
                if (!c.isUp(i)) {
                    c.start(i);
                }
            }
            Thread.sleep(2_000); // quiet period
            DeadlineTransport t = new DeadlineTransport(tcp);
            KvClerk clerk = new KvRaftClerk(t, tcp.serverNames());
            long p = processes.incrementAndGet();
            for (String key : KEYS) {
                t.startOp(20_000);
                assertTrue(runGet(clerk, log, p, key), "final Get of " + key + " answered after the heal");
            }
        }
        long runMs = (System.nanoTime() - started) / 1_000_000;
        Path file = OUT.resolve(variant + "-" + seed + ".jsonl");
        log.write(file);
        long t0 = System.nanoTime();
        CheckResult result = log.check(CHECK_BUDGET_S);
        long checkMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("KvRaftProcessesIT " + variant + ": run %d ms, %s, faults %s; checker %s in %d ms: %s; history %s%n", runMs,
                log.counts(), faults, result.valid(), checkMs, result.summary(), file.toAbsolutePath());
        assertTrue(log.okCount() >= 100, "too few completed ops to mean anything: " + log.counts());
        assertTrue(leaderIsolationsOnly ? faults.isolations > 0 : faults.kills > 0 && faults.partitions > 0,
                "faults injected: " + faults);
        assertTrue(result.valid() != Validity.UNKNOWN, "no verdict within the budget (a failure): " + file.toAbsolutePath());
        return result;
    }

    /** The planted bug: an isolated old leader answers Get from its stale state; the checker must say FALSE. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void plantedLocalGetBugIsCaught() throws Exception {
        assertIsolatedLeaderServesACaughtStaleRead("bug", "faultline", List.of("--variant", "bug-local-get"),
                "kvraft-bug-local-get");
    }

    /** ReadIndex Gets over the planted Raft that confirms reads without a heartbeat round: the same stale read. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void plantedReadWithoutQuorumIsCaught() throws Exception {
        assertIsolatedLeaderServesACaughtStaleRead("bug-read", "bug-read-no-quorum", List.of("--variant", "read-index"),
                "kvraft-read-index-bug-read-no-quorum");
    }

    /** The correct ReadIndex server: an isolated leader cannot confirm its leadership, so it never answers. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void isolatedReadIndexLeaderDoesNotAnswer() throws Exception {
        KvOpLog log = new KvOpLog();
        assertFalse(isolatedLeaderAnswersGet("read-index", "faultline", List.of("--variant", "read-index"), log, 3_000),
                "a leader cut off from the majority answered a ReadIndex Get");
        CheckResult result = log.check(CHECK_BUDGET_S);
        assertEquals(Validity.TRUE, result.valid(), result.summary());
    }

    /**
     * Puts x through the leader, isolates that same leader (still in the term in which it committed
     * the Put, so a ReadIndex read need not go through the log), Puts x=b through the majority, then
     * asks only the isolated old leader for x within {@code getDeadlineMs}; returns whether it
     * answered. Every op is in {@code log}.
     */
    private boolean isolatedLeaderAnswersGet(String name, String raft, List<String> nodeArgs, KvOpLog log,
            long getDeadlineMs) throws Exception {
        try (ProcessCluster c = cluster(name, 3, raft, nodeArgs);
             RpcClient rpc = RpcClient.open("127.0.0.63")) {
            c.startAll();
            TcpClerkTransport tcp = new TcpClerkTransport(rpc, c.peers(), Duration.ofMillis(1000));
            long process = 0;
            long version = 0;
            int leader = -1;
            for (int attempt = 0; leader < 0; attempt++) {
                assertTrue(attempt < 5, "could not isolate the leader that committed the first Put");
                int before = c.awaitLeader(Duration.ofSeconds(10));
                assertTrue(before >= 0, "a leader");
                long term = c.status(before).getLong("term");
                DeadlineTransport all = new DeadlineTransport(tcp);
                all.startOp(20_000);
                assertEquals(Err.OK, runPut(new KvRaftClerk(all, tcp.serverNames()), log, process++, "x", "a" + attempt,
                        version), "put " + attempt);
                version++;
                var st = c.status(before);
                if (st == null || !"LEADER".equals(st.getString("role")) || st.getLong("term") != term) {
                    continue; // leadership moved during the Put: it may have been committed by another leader
                }
                int cut = isolateLeader(c);
                var after = c.status(cut);
                if (cut == before && after != null && after.getLong("term") == term) {
                    leader = cut;
                } else {
                    heal(c);
                    Thread.sleep(500);
                }
            }
            Set<Integer> others = new TreeSet<>();
            for (int i = 0; i < 3; i++) {
                if (i != leader) {
                    others.add(i);
                }
            }
            int[] majority = others.stream().mapToInt(Integer::intValue).toArray();
            DeadlineTransport w = new DeadlineTransport(tcp);
            w.startOp(20_000);
            assertEquals(Err.OK, runPut(new KvRaftClerk(w, tcp.names(majority)), log, process++, "x", "b", version),
                    "put by the majority");
            DeadlineTransport r = new DeadlineTransport(tcp);
            r.startOp(getDeadlineMs);
            return runGet(new KvRaftClerk(r, tcp.names(leader)), log, process, "x");
        }
    }

    /** A planted bug: the isolated old leader answers the Get, and the checker finds that read stale. */
    private void assertIsolatedLeaderServesACaughtStaleRead(String clusterName, String raft, List<String> nodeArgs,
            String name) throws Exception {
        KvOpLog log = new KvOpLog();
        assertTrue(isolatedLeaderAnswersGet(clusterName, raft, nodeArgs, log, 10_000), "the isolated leader answers (the bug)");
        assertStaleReadCaught(log, name);
    }

    private static void assertStaleReadCaught(KvOpLog log, String name) throws Exception {
        Path file = OUT.resolve(name + ".jsonl");
        log.write(file);
        CheckResult result = log.check(CHECK_BUDGET_S);
        System.out.println("KvRaftProcessesIT " + name + ": " + log.counts() + ", checker " + result.valid() + ": "
                + result.summary() + "; history " + file.toAbsolutePath());
        assertEquals(Validity.FALSE, result.valid(), "the stale Get must make the history non-linearizable");
    }

    /**
     * Cuts the current leader off from the others and returns it, once it still calls itself leader
     * while cut off (an election racing the cut may have deposed it: then heal and try again).
     */
    private static int isolateLeader(ProcessCluster c) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            int leader = c.awaitLeader(Duration.ofSeconds(10));
            assertTrue(leader >= 0, "a leader");
            Set<Integer> others = new TreeSet<>();
            for (int i = 0; i < c.size(); i++) {
                if (i != leader) {
                    others.add(i);
                    assertTrue(c.filter(i, Set.of(leader)), "filter on " + i);
                }
            }
            assertTrue(c.filter(leader, others), "filter on the old leader");
            Thread.sleep(200);
            var st = c.status(leader);
            if (st != null && "LEADER".equals(st.getString("role"))) {
                return leader; // cut off, it can no longer hear of a newer term: it stays leader
            }
            heal(c);
            Thread.sleep(500);
        }
        throw new AssertionError("could not isolate a node that still believes it is leader");
    }

    private static void clientLoop(TcpClerkTransport tcp, KvOpLog log, Random r, long firstProcess, AtomicLong processes,
                                   AtomicBoolean running) {
        DeadlineTransport t = new DeadlineTransport(tcp);
        KvClerk clerk = new KvRaftClerk(t, tcp.serverNames());
        long process = firstProcess;
        long[] known = new long[KEYS.size()];
        int n = 0;
        while (running.get()) {
            int k = r.nextInt(KEYS.size());
            String key = KEYS.get(k);
            t.startOp(OP_DEADLINE_MS);
            boolean answered;
            if (r.nextBoolean()) {
                answered = runGet(clerk, log, process, key, known, k);
            } else {
                Err err = runPut(clerk, log, process, key, "p" + process + "-" + (n++), known[k]);
                answered = err != null;
                if (err == Err.OK) {
                    known[k]++;
                }
            }
            if (!answered) { // an indeterminate op: this client continues as a new process
                process = processes.incrementAndGet();
                clerk = new KvRaftClerk(t, tcp.serverNames());
            }
        }
    }

    static boolean runGet(KvClerk clerk, KvOpLog log, long process, String key) {
        return runGet(clerk, log, process, key, null, 0);
    }

    private static boolean runGet(KvClerk clerk, KvOpLog log, long process, String key, long[] known, int k) {
        log.invokeGet(process, key);
        try {
            KvClerk.GetResult g = clerk.get(key);
            log.okGet(process, key, g.err() == Err.OK ? g.value() : "", g.err() == Err.OK ? g.version() : 0, g.err());
            if (known != null && g.err() == Err.OK) {
                known[k] = g.version();
            }
            return true;
        } catch (DeadlineTransport.GaveUp e) {
            log.info(process, "get", key, "deadline");
            return false;
        }
    }

    /** The put's answer, or null when it was given up (recorded as info). */
    static Err runPut(KvClerk clerk, KvOpLog log, long process, String key, String value, long version) {
        log.invokePut(process, key, value, version);
        try {
            Err err = clerk.put(key, value, version);
            log.okPut(process, key, err);
            return err;
        } catch (DeadlineTransport.GaveUp e) {
            log.info(process, "put", key, "deadline");
            return null;
        }
    }

    static final class FaultStats {
        int partitions;
        int isolations;
        int kills;
        int restarts;

        @Override
        public synchronized String toString() {
            return "partitions=" + partitions + " isolations=" + isolations + " kills=" + kills + " restarts=" + restarts;
        }
    }

    /**
     * One fault at a time, the kinds in turn: random halves, the leader isolated, 1-2 SIGKILLs (the
     * leader among them half the time); each healed (or the nodes restarted) after 1-3 s.
     */
    private static void nemesis(ProcessCluster c, Random r, AtomicBoolean running, FaultStats stats,
                                boolean leaderIsolationsOnly) {
        try {
            int round = r.nextInt(3);
            while (running.get()) {
                Thread.sleep(500 + r.nextInt(1000));
                if (!running.get()) {
                    return;
                }
                int what = leaderIsolationsOnly ? 1 : round++ % 3; // every kind of fault in turn
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < c.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, r);
                int leader = what == 0 ? -1 : c.leader();
                if (leader >= 0 && (what == 1 || r.nextBoolean())) { // isolate the leader; kill it half the time
                    order.remove(Integer.valueOf(leader));
                    order.add(0, leader);
                }
                if (what == 0 || what == 1) {
                    int cut = what == 0 ? 1 + r.nextInt(c.size() - 1) : 1; // random halves, or isolate order[0]
                    Set<Integer> a = new TreeSet<>(order.subList(0, cut));
                    Set<Integer> b = new TreeSet<>(order.subList(cut, c.size()));
                    for (int i : a) {
                        c.filter(i, b);
                    }
                    for (int i : b) {
                        c.filter(i, a);
                    }
                    synchronized (stats) {
                        if (what == 0) {
                            stats.partitions++;
                        } else {
                            stats.isolations++;
                        }
                    }
                    Thread.sleep(leaderIsolationsOnly ? 3000 + r.nextInt(2000) : 1000 + r.nextInt(2000));
                    heal(c);
                } else {
                    int down = 1 + r.nextInt(2); // never more than 2 down
                    for (int i = 0; i < down; i++) {
                        c.kill(order.get(i));
                    }
                    synchronized (stats) {
                        stats.kills += down;
                    }
                    Thread.sleep(1000 + r.nextInt(2000));
                    for (int i = 0; i < down; i++) {
                        c.start(order.get(i));
                    }
                    synchronized (stats) {
                        stats.restarts += down;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void heal(ProcessCluster c) {
        for (int i = 0; i < c.size(); i++) {
            if (c.isUp(i)) {
                c.filter(i, Set.of());
            }
        }
    }
}
