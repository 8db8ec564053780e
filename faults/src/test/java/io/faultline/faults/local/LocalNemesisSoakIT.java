package io.faultline.faults.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.core.Rng;
import io.faultline.faults.FaultOp;
import io.faultline.faults.FaultsJsonl;
import io.faultline.faults.Nemesis;
import io.faultline.faults.NemesisPackage;
import io.faultline.faults.NemesisPackages;
import io.faultline.vertx.cluster.NodeClasspath;
import io.faultline.vertx.cluster.ProcessCluster;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every package flipped at random against three Raft processes for a while (default 30 s,
 * {@code -Dfaultline.soakS=N}); every op must succeed, and after {@code healAll} every node is up,
 * unpaused, unpartitioned, at offset 0, and the group has a leader again. Slow: run by hand with
 * {@code mvn -B -o test -pl faults -Dtest=LocalNemesisSoakIT -Dsurefire.excludedGroups=}.
 */
@Tag("slow")
@Tag("it")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class LocalNemesisSoakIT {
    @TempDir
    Path dir;

    @Test
    void randomFaultSequencesAlwaysHeal() throws Exception {
        assumeTrue(Iptables.usable(), "iptables is not usable here (needs root and the iptables package)");
        long soakNs = Long.getLong("faultline.soakS", 30) * 1_000_000_000L;
        long seed = Long.getLong("faultline.seed", System.nanoTime());
        System.out.println("LocalNemesisSoakIT seed " + seed);
        Iptables chain = new Iptables(LocalFaultBackendIT.CHAIN + "S");
        try (ProcessCluster c = new ProcessCluster(new ProcessCluster.Options(3, dir.resolve("cluster"),
                NodeClasspath.snapshot(dir.resolve("jars")), "faultline", 1000,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"), Duration.ofSeconds(30)));
             LocalFaultBackend b = new LocalFaultBackend(c, chain);
             FaultsJsonl log = new FaultsJsonl(dir.resolve("faults.jsonl"), System::nanoTime)) {
            c.startAll();
            Rng rng = new Rng(seed);
            List<NemesisPackage> pkgs = NemesisPackages.packages("all", 3);
            Nemesis n = NemesisPackages.nemesis(pkgs, b, log, rng.fork("nemesis"));
            boolean[] on = new boolean[pkgs.size()];
            List<String> done = new ArrayList<>();
            long end = System.nanoTime() + soakNs;
            while (System.nanoTime() < end) {
                int i = rng.nextInt(pkgs.size());
                FaultOp op = on[i] ? pkgs.get(i).stop() : pkgs.get(i).start(rng);
                Object result = n.invoke(op.f(), op.value());
                done.add(op.f() + " " + op.value() + " -> " + result);
                on[i] = !on[i];
                Thread.sleep(300 + rng.nextInt(700));
            }
            System.out.println("LocalNemesisSoakIT: " + done.size() + " ops, active before heal " + log.active());
            n.healAll();
            assertEquals(List.of(), log.active());
            assertEquals(List.of(), chain.rules());
            assertEquals(List.of(), b.pausedNodes());
            for (int i = 0; i < 3; i++) {
                assertTrue(c.isUp(i), "n" + (i + 1) + " is up");
                JsonObject s = c.status(i);
                assertNotNull(s, "n" + (i + 1) + " answers");
                assertEquals(0L, s.getLong("clockOffsetMs"));
                assertEquals(0L, s.getLong("netDelayMs"));
                assertEquals(0, s.getJsonArray("dropPeers").size());
            }
            assertTrue(c.awaitLeader(Duration.ofSeconds(30)) >= 0, "a leader after the heal; ops: " + done);
            LocalFaultBackendIT.closeEarly(b); // close is idempotent: the try closes it again
            assertNull(chain.rules());
        } finally {
            chain.remove();
        }
    }
}
