package io.faultline.vertx.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.vertx.RpcClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 durability test: clients commit commands while node processes are SIGKILLed at
 * random moments (sometimes the leader, sometimes two nodes at once) and restarted, over several
 * rounds. Afterwards every node's applied log is checked with {@link DurabilityCheck}: every
 * acknowledged command is at its acknowledged index and term on every node, the logs match, and
 * nothing reported as not committed is in a log.
 */
@Tag("it")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KillDurabilityIT {
    /** Kill rounds; every third kills two nodes at once. Longer runs: -Dfaultline.durability.rounds=N. */
    static final int ROUNDS = Integer.getInteger("faultline.durability.rounds", 4);
    static final int IN_FLIGHT = 16;

    @TempDir
    Path dir;

    @Test
    void acknowledgedEntriesSurviveSigkillsOfAnyNodes() throws Exception {
        long seed = Long.getLong("faultline.seed", System.nanoTime());
        System.out.println("KillDurabilityIT seed " + seed + " (rerun with -Dfaultline.seed=" + seed + ")");
        Random random = new Random(seed);
        ConcurrentLinkedQueue<DurabilityCheck.Outcome> outcomes = new ConcurrentLinkedQueue<>();
        int kills = 0;
        try (ProcessCluster c = new ProcessCluster(new ProcessCluster.Options(3, dir.resolve("cluster"),
                NodeClasspath.snapshot(dir.resolve("jars")), "faultline", 1_000_000, NodeClasspath.testJvmArgs(),
                Duration.ofSeconds(30)));
             RpcClient rpc = RpcClient.open("127.0.0.61")) {
            c.startAll();
            assertTrue(c.awaitLeader(Duration.ofSeconds(20)) >= 0, "initial leader");
            RaftClient client = new RaftClient(rpc, c.peers(), 20);
            AtomicBoolean running = new AtomicBoolean(true);
            Semaphore window = new Semaphore(IN_FLIGHT);
            AtomicLong seq = new AtomicLong();
            Thread load = new Thread(() -> {
                while (running.get()) {
                    try {
                        if (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    byte[] cmd = ("k-" + seed + "-" + seq.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
                    client.propose(cmd, Duration.ofSeconds(2)).thenAccept(o -> {
                        outcomes.add(new DurabilityCheck.Outcome(cmd, o.kind(), o.index(), o.term()));
                        if (o.kind() == RaftClient.Kind.COMMITTED) {
                            window.release();
                        } else { // a node is down or changing roles: do not spin
                            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(window::release);
                        }
                    });
                }
            }, "durability-load");
            load.start();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    Thread.sleep(300 + random.nextInt(1200));
                    List<Integer> victims = new ArrayList<>();
                    int leader = c.leader();
                    int first = leader >= 0 && random.nextBoolean() ? leader : random.nextInt(3);
                    victims.add(first);
                    if (round % 3 == 1) {
                        victims.add((first + 1 + random.nextInt(2)) % 3); // a majority down at once
                    }
                    for (int v : victims) {
                        c.kill(v);
                        kills++;
                    }
                    Thread.sleep(100 + random.nextInt(700));
                    for (int v : victims) {
                        c.start(v);
                    }
                    System.out.println("round " + round + ": killed " + victims + " (leader was " + leader + "), outcomes so far "
                            + outcomes.size());
                }
                Thread.sleep(1000);
            } finally {
                running.set(false);
                load.join(5000);
            }
            assertTrue(window.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS), "every proposal got an outcome");
            // a last command committed in the current term commits everything before it
            byte[] barrier = ("barrier-" + seed).getBytes(StandardCharsets.UTF_8);
            RaftClient.Outcome b = null;
            for (int attempt = 0; attempt < 20 && (b == null || b.kind() != RaftClient.Kind.COMMITTED); attempt++) {
                b = client.propose(barrier, Duration.ofSeconds(3)).get(30, TimeUnit.SECONDS);
                if (b.kind() == RaftClient.Kind.UNKNOWN) {
                    break; // its fate is unknown: cannot propose the same command again
                }
            }
            assertEquals(RaftClient.Kind.COMMITTED, b.kind(), "barrier " + b);
            outcomes.add(new DurabilityCheck.Outcome(barrier, b.kind(), b.index(), b.term()));
            NodeProcessesIT.awaitApplied(c, b.index());
            List<List<DurabilityCheck.Entry>> logs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                logs.add(fetchLog(c, i, b.index()));
            }
            List<DurabilityCheck.Outcome> all = new ArrayList<>(outcomes);
            long acked = all.stream().filter(o -> o.kind() == RaftClient.Kind.COMMITTED).count();
            long unknown = all.stream().filter(o -> o.kind() == RaftClient.Kind.UNKNOWN).count();
            System.out.println("kills " + kills + ", proposals " + all.size() + ", acknowledged " + acked
                    + ", unknown " + unknown + ", log length " + b.index());
            List<String> violations = DurabilityCheck.check(logs, all, 20);
            assertEquals(List.of(), violations, "seed " + seed);
            assertTrue(acked >= 100, "the test committed enough to mean something: " + acked);
            assertTrue(kills >= ROUNDS);
        }
    }

    static List<DurabilityCheck.Entry> fetchLog(ProcessCluster c, int node, long upTo) {
        List<DurabilityCheck.Entry> out = new ArrayList<>();
        long from = 1;
        while (from <= upTo) {
            JsonArray page = c.applied(node, from, 10_000);
            assertTrue(page != null && !page.isEmpty(), "node " + node + " serves its applied log from " + from);
            for (int k = 0; k < page.size(); k++) {
                JsonObject e = page.getJsonObject(k);
                out.add(new DurabilityCheck.Entry(e.getLong("index"), e.getLong("term"),
                        Base64.getDecoder().decode(e.getString("command"))));
            }
            from = out.get(out.size() - 1).index() + 1;
        }
        return out.subList(0, (int) Math.min(out.size(), upTo));
    }
}
