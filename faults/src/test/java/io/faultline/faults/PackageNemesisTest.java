package io.faultline.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import java.io.StringWriter;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageNemesisTest {
    final FakeBackend backend = new FakeBackend(5);
    final StringWriter out = new StringWriter();
    final FaultsJsonl log = new FaultsJsonl(out, () -> 0L, InstantSource.system());
    final List<Long> sleeps = new ArrayList<>();

    Nemesis nemesis(String spec) {
        return NemesisPackages.nemesis(NemesisPackages.packages(spec), backend, log, new Rng(3), sleeps::add);
    }

    @Test
    void fsAreTheUnionOfThePackages() {
        assertEquals(Set.of("start-partition", "stop-partition", "kill", "start"), nemesis("partition,kill").fs());
        assertEquals(Set.of(), nemesis("none").fs());
        Nemesis n = nemesis("kill");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.invoke("pause", "one"));
        assertTrue(e.getMessage().contains("pause"), e.getMessage());
        assertTrue(backend.calls.isEmpty());
    }

    @Test
    @SuppressWarnings("unchecked")
    void partitionResolvesTheSpecAtInvokeTimeAndHeals() throws Exception {
        Nemesis n = nemesis("partition");
        backend.leader = "n4";
        Map<String, Object> done = (Map<String, Object>) n.invoke("start-partition", "leader");
        assertEquals("leader", done.get("kind"));
        assertEquals(List.of("n4"), ((List<List<String>>) done.get("components")).get(0));
        assertTrue(backend.calls.get(0).startsWith("partition {n1=[n4], n2=[n4], n3=[n4], n4=[n1, n2, n3, n5]"), backend.calls.toString());
        assertEquals(List.of("partition leader"), log.active());
        backend.leader = null;
        Map<String, Object> fallback = (Map<String, Object>) n.invoke("start-partition", Map.of("targets", "leader"));
        assertTrue(((String) fallback.get("note")).startsWith("no leader found"), fallback.toString());
        Map<String, Object> ring = (Map<String, Object>) n.invoke("start-partition", "majorities-ring");
        assertEquals(5, ((List<?>) ring.get("components")).size());
        n.invoke("stop-partition", null);
        assertEquals("partition {}", backend.calls.get(backend.calls.size() - 1));
        assertEquals(List.of(), log.active());
        assertEquals(4, out.toString().split("\n").length, out.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void killPauseAndHealAllUndoEverything() throws Exception {
        Nemesis n = nemesis("all");
        backend.leader = "n2";
        Map<String, Object> k = (Map<String, Object>) n.invoke("kill", "leader");
        assertEquals(List.of("n2"), k.get("killed"));
        n.invoke("kill", "n2"); // already down: nothing to do
        assertEquals(1, backend.calls.stream().filter(c -> c.equals("kill n2")).count());
        Map<String, Object> p = (Map<String, Object>) n.invoke("pause", "all");
        assertEquals(List.of("n1", "n3", "n4", "n5"), p.get("paused"), "a killed node is not paused");
        n.invoke("resume", "n3");
        n.invoke("bump-clock", Map.of("targets", "n1", "deltaMs", 500L));
        n.invoke("bump-clock", Map.of("targets", "n1", "deltaMs", 250L));
        assertTrue(backend.calls.contains("clock n1 750"), "bumps add up: " + backend.calls);
        Map<String, Object> loss = (Map<String, Object>) n.invoke("start-loss", Map.of("targets", "n5", "probability", 0.2));
        assertEquals(List.of("n5"), loss.get("lossy"));
        assertEquals(0.2, loss.get("probability"));
        Map<String, Object> delay = (Map<String, Object>) n.invoke("start-delay", Map.of("targets", "n4", "delayMs", 100L));
        assertEquals(100L, delay.get("delayMs"));
        n.invoke("start-partition", "bridge");
        assertEquals(List.of("kill n2", "pause n1", "pause n4", "pause n5", "clock n1", "loss n5", "delay n4",
                "partition bridge"), log.active());
        backend.calls.clear();
        n.healAll();
        assertEquals(List.of(), log.active());
        List<String> c = backend.calls;
        assertTrue(c.containsAll(List.of("partition {}", "restart n2", "resume n1", "resume n4", "resume n5",
                "clock n1 0", "loss n5 0.0", "delay n4 0")), c.toString());
        assertTrue(c.indexOf("partition {}") < c.indexOf("restart n2"), "heal the network first: " + c);
        backend.calls.clear();
        n.healAll(); // nothing active: only the (idempotent) heal of the network
        assertEquals(List.of("partition {}"), backend.calls);
    }

    @Test
    void strobeFlipsForABoundedTimeAndRestoresTheBase() throws Exception {
        Nemesis n = nemesis("clock");
        n.invoke("bump-clock", Map.of("targets", "n3", "deltaMs", 100L));
        backend.calls.clear();
        n.invoke("strobe-clock", Map.of("targets", "n3", "deltaMs", 1000L, "periodMs", 50L, "durationMs", 200L));
        assertEquals(List.of("clock n3 1100", "clock n3 100", "clock n3 1100", "clock n3 100", "clock n3 100"), backend.calls);
        assertEquals(List.of(50_000_000L, 50_000_000L, 50_000_000L, 50_000_000L), sleeps);
        assertEquals(List.of("clock n3"), log.active(), "the bump is still on after the strobe");
        assertThrows(IllegalStateException.class, () -> n.invoke("strobe-clock",
                Map.of("targets", "n3", "deltaMs", 10L, "periodMs", 50L, "durationMs", 60_000L)));
        assertThrows(IllegalStateException.class, () -> n.invoke("strobe-clock",
                Map.of("targets", "n3", "deltaMs", 10L, "periodMs", 1L, "durationMs", 100L)));
        n.invoke("reset-clock", null);
        assertEquals(List.of(), log.active());
    }

    @Test
    void refusesPackagesWhoseCapabilityTheBackendLacks() throws Exception {
        FakeBackend.Bare bare = new FakeBackend.Bare();
        for (String p : List.of("kill", "pause", "clock", "loss", "delay")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NemesisPackages.nemesis(NemesisPackages.packages(p), bare, log, new Rng(1)));
            assertTrue(e.getMessage().contains("'" + p + "'") && e.getMessage().contains("Bare"), e.getMessage());
        }
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
                () -> NemesisPackages.nemesis(NemesisPackages.packages("all"), bare, log, new Rng(1)));
        assertTrue(all.getMessage().contains("ProcessFaults"), all.getMessage());
        Nemesis partitions = NemesisPackages.nemesis(NemesisPackages.packages("partition"), bare, log, new Rng(1));
        partitions.invoke("start-partition", "one");
        partitions.healAll(); // needs no capability
        assertEquals(2, bare.calls.size());
        assertEquals("partition {}", bare.calls.get(1));
    }

    @Test
    void faultsThatFailAreThrownAndHealAllContinuesPastFailures() throws Exception {
        FakeBackend failing = new FakeBackend(3) {
            @Override
            public void restart(String node) {
                throw new IllegalStateException("cannot start " + node);
            }
        };
        Nemesis n = NemesisPackages.nemesis(NemesisPackages.packages("kill,pause"), failing, log, new Rng(1));
        n.invoke("kill", "n1");
        n.invoke("pause", "n2");
        IllegalStateException e = assertThrows(IllegalStateException.class, n::healAll);
        assertTrue(e.getMessage().contains("cannot start n1"));
        assertTrue(failing.calls.contains("resume n2"), "resume ran after the failed restart: " + failing.calls);
        n.close(); // never throws
    }

    @Test
    void killingAPausedNodeEndsItsPauseInTheLog() throws Exception {
        Nemesis n = nemesis("kill,pause");
        n.invoke("pause", "n1");
        n.invoke("kill", "n1");
        assertEquals(List.of("kill n1"), log.active(), "the pause ended with the kill");
        n.invoke("resume", "all");
        assertTrue(!backend.calls.contains("resume n1"), "a killed node is not resumed: " + backend.calls);
        n.healAll();
        assertEquals(List.of(), log.active());
        assertTrue(backend.calls.contains("restart n1"));
        String[] lines = out.toString().split("\n");
        assertTrue(lines[1].contains("\"action\":\"stop\",\"fault\":\"pause\"") && lines[1].contains("killed"), lines[1]);
    }
}
