package io.faultline.faults.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.core.Rng;
import io.faultline.faults.FaultsJsonl;
import io.faultline.faults.Nemesis;
import io.faultline.faults.NemesisPackages;
import io.faultline.vertx.cluster.NodeClasspath;
import io.faultline.vertx.cluster.ProcessCluster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local fault backend against three real Raft node processes: an iptables partition (in a
 * chain of this test's own, so a run's chain is never touched) really cuts traffic and healing
 * restores it; SIGSTOP silences a node and SIGCONT revives it; the chain is gone after close and
 * after cleanup; the transport-filter fallback does the same without iptables.
 */
@Tag("it")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalFaultBackendIT {
    static final String CHAIN = "FAULTLINE-IT" + ProcessHandle.current().pid();

    @TempDir
    Path dir;

    ProcessCluster cluster() {
        return new ProcessCluster(new ProcessCluster.Options(3, dir.resolve("cluster"), NodeClasspath.snapshot(dir.resolve("jars")),
                "faultline", 1000, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
                Duration.ofSeconds(30)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void iptablesPartitionCutsTrafficHealingRestoresItAndSigstopSilencesANode() throws Exception {
        assumeTrue(Iptables.usable(), "iptables is not usable here (needs root and the iptables package): "
                + Iptables.run(List.of("iptables", "-w", "5", "-S", "INPUT"), null).output().trim());
        Iptables chain = new Iptables(CHAIN);
        try (ProcessCluster c = cluster(); LocalFaultBackend b = new LocalFaultBackend(c, chain);
             FaultsJsonl log = new FaultsJsonl(dir.resolve("faults.jsonl"), System::nanoTime)) {
            assertEquals("iptables", b.partitionMechanism());
            assertTrue(chain.hooked(), "INPUT jumps to " + CHAIN);
            c.startAll();
            Nemesis n = NemesisPackages.nemesis(NemesisPackages.packages("partition,pause,clock,loss,delay"), b, log, new Rng(1));
            Leader old = stableLeader(c);
            Map<String, Object> done = (Map<String, Object>) n.invoke("start-partition", "leader");
            assertEquals(List.of(name(old.index)), ((List<List<String>>) done.get("components")).get(0), done.toString());
            assertEquals(4, chain.rules().size(), "two links cut both ways: " + chain.rules());
            Leader fresh = awaitLeader(c, old.index, old.term);
            JsonObject isolated = c.status(old.index);
            assertTrue(isolated.getLong("term") < fresh.term,
                    "the isolated node never heard of term " + fresh.term + ": " + isolated);
            assertEquals(List.of("partition leader"), log.active());

            n.invoke("stop-partition", null);
            assertEquals(List.of(), chain.rules());
            awaitTrue(() -> {
                JsonObject s = c.status(old.index);
                return s != null && s.getLong("term") >= fresh.term && !"LEADER".equals(s.getString("role"))
                        || s != null && "LEADER".equals(s.getString("role")) && s.getLong("term") > fresh.term;
            }, "the healed node hears the new term");

            int follower = c.leader() == 0 ? 1 : 0;
            n.invoke("pause", name(follower));
            assertEquals(List.of(name(follower)), b.pausedNodes());
            assertNull(c.status(follower), "a SIGSTOPped node does not answer");
            n.invoke("resume", name(follower));
            awaitTrue(() -> c.status(follower) != null, "SIGCONT revives the node");

            n.invoke("bump-clock", Map.of("targets", name(2), "deltaMs", 1234L));
            n.invoke("start-delay", Map.of("targets", name(1), "delayMs", 40L));
            n.invoke("start-loss", Map.of("targets", name(0), "probability", 0.25));
            assertEquals(1234L, c.status(2).getLong("clockOffsetMs"));
            assertEquals(40L, c.status(1).getLong("netDelayMs"));
            assertTrue(chain.rules().get(0).contains("-d " + c.peers().get(0).host() + "/32")
                    && chain.rules().get(0).contains("--probability 0.25"), chain.rules().toString());
            n.healAll();
            assertEquals(List.of(), chain.rules());
            assertEquals(0L, c.status(2).getLong("clockOffsetMs"));
            assertEquals(0L, c.status(1).getLong("netDelayMs"));
            assertEquals(List.of(), log.active());
            closeEarly(b); // close is idempotent: the try closes it again
            assertNull(chain.rules(), "the chain is deleted at close");
            assertFalse(chain.hooked());
            List<String> lines = Files.readAllLines(dir.resolve("faults.jsonl"), StandardCharsets.UTF_8);
            assertTrue(lines.get(0).contains("\"fault\":\"partition\"") && lines.get(0).contains("\"mechanism\":\"iptables\""),
                    lines.get(0));
        } finally {
            chain.remove();
        }
    }

    @Test
    void cleanupRemovesChainsOfDeadHarnessesOnly() throws Exception {
        assumeTrue(Iptables.usable(), "iptables is not usable here (needs root and the iptables package)");
        Process gone = new ProcessBuilder("true").start(); // a harness that has died: its pid is free
        gone.waitFor();
        Iptables left = new Iptables("FAULTLINE-" + gone.pid());
        Iptables live = new Iptables(CHAIN + "L"); // owned by this (live) test JVM
        try {
            for (Iptables t : List.of(left, live)) {
                t.install();
                t.replaceRules(List.of("-s 127.0.0.250/32 -d 127.0.0.251/32 -j DROP"));
                assertTrue(t.hooked());
            }
            assertTrue(Iptables.ourChains().containsAll(List.of(left.chain(), live.chain())), Iptables.ourChains().toString());
            assertTrue(LocalFaultBackend.cleanupLeftovers(), "the dead harness's chain is found and removed");
            assertNull(left.rules());
            assertFalse(left.hooked());
            assertEquals(1, live.rules().size(), "a live harness's chain is left alone");
            assertTrue(live.hooked());
            assertFalse(Iptables.ourChains().contains(left.chain()));
        } finally {
            left.remove();
            live.remove();
        }
    }

    @Test
    void transportFilterFallbackIsolatesTheLeaderAndSurvivesARestart() throws Exception {
        try (ProcessCluster c = cluster(); LocalFaultBackend b = new LocalFaultBackend(c, null)) {
            assertEquals("transport-filter", b.partitionMechanism());
            assertEquals("transport", b.mechanism("loss"));
            c.startAll();
            List<String> lines = new ArrayList<>();
            Nemesis n = NemesisPackages.nemesis(NemesisPackages.packages("partition,kill,loss"), b,
                    (action, fault, targets, detail) -> lines.add(action + " " + fault + " " + targets), new Rng(2));
            Leader old = stableLeader(c);
            n.invoke("start-partition", "leader");
            assertEquals(2, c.status(old.index).getJsonArray("dropPeers").size());
            Leader fresh = awaitLeader(c, old.index, old.term);
            assertTrue(c.status(old.index).getLong("term") < fresh.term, "the isolated node never heard the new term");
            // a restarted node starts with an empty filter: the backend puts the partition back
            n.invoke("kill", name(old.index));
            n.invoke("start", name(old.index));
            JsonArray drops = c.status(old.index).getJsonArray("dropPeers");
            assertEquals(2, drops.size(), "partition re-applied after the restart: " + drops);
            n.invoke("start-loss", Map.of("targets", name(fresh.index), "probability", 0.5));
            assertEquals(0.5, c.status(fresh.index).getDouble("netLossProbability"));
            n.healAll();
            for (int i = 0; i < 3; i++) {
                assertEquals(0, c.status(i).getJsonArray("dropPeers").size());
                assertEquals(0.0, c.status(i).getDouble("netLossProbability"));
            }
            assertEquals(List.of("start partition [n1, n2, n3]", "start kill [" + name(old.index) + "]",
                    "stop kill [" + name(old.index) + "]", "start loss [" + name(fresh.index) + "]",
                    "stop partition []", "stop loss [" + name(fresh.index) + "]"), lines);
        }
    }

    record Leader(int index, long term) {}

    /** Closes the backend inside its try-with-resources (to check what close leaves behind). */
    static void closeEarly(LocalFaultBackend b) {
        b.close();
    }

    static String name(int i) {
        return "n" + (i + 1);
    }

    /** A leader that stays leader for 1 s (a start-up leader may be superseded). */
    static Leader stableLeader(ProcessCluster c) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Leader last = null;
        long since = 0;
        while (System.nanoTime() < deadline) {
            int l = c.leader();
            JsonObject s = l >= 0 ? c.status(l) : null;
            Leader now = s != null && "LEADER".equals(s.getString("role")) ? new Leader(l, s.getLong("term")) : null;
            if (now != null && now.equals(last)) {
                if (System.nanoTime() - since > 1_000_000_000L) {
                    return now;
                }
            } else {
                last = now;
                since = System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no stable leader within 30 s");
    }

    /** A leader other than {@code not} in a term above {@code aboveTerm}. */
    static Leader awaitLeader(ProcessCluster c, int not, long aboveTerm) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < c.size(); i++) {
                JsonObject s = i == not ? null : c.status(i);
                if (s != null && "LEADER".equals(s.getString("role")) && s.getLong("term") > aboveTerm) {
                    return new Leader(i, s.getLong("term"));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new leader among the majority within 30 s");
    }

    static void awaitTrue(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (cond.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 20 s: " + what);
    }
}
