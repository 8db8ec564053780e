package io.faultline.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NemesisPackagesTest {
    @Test
    void parsesNamesNoneAndAll() {
        assertEquals(List.of(), NemesisPackages.parse("none"));
        assertEquals(NemesisPackages.NAMES, NemesisPackages.parse("all"));
        assertEquals(List.of("partition", "kill", "clock"), NemesisPackages.parse("clock, kill,partition,kill"));
        assertEquals(List.of("pause"), NemesisPackages.parse("none,pause"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NemesisPackages.parse("kill,crash"));
        assertTrue(e.getMessage().contains("'crash'"), e.getMessage());
        for (String n : List.of("partition", "kill", "pause", "clock", "loss", "delay", "none", "all")) {
            assertTrue(e.getMessage().contains(n), "lists " + n + ": " + e.getMessage());
        }
    }

    @Test
    void schedulesAreWellFormedBoundedAndUseOnlyThePackagesFs() {
        for (NemesisPackage p : NemesisPackages.packages("all")) {
            Rng rng = new Rng(42);
            Set<String> startFs = new HashSet<>();
            Set<Object> targets = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                FaultOp op = p.start(rng);
                assertTrue(p.fs().contains(op.f()), p.name() + " start f " + op.f());
                startFs.add(op.f());
                targets.add(op.value().get("targets"));
                assertTrue(p.choices().contains((String) op.value().get("targets")), op.toString());
                checkParams(op);
            }
            assertEquals(new HashSet<>(p.choices()), targets, p.name() + " draws every choice");
            FaultOp stop = p.stop();
            assertTrue(p.fs().contains(stop.f()), stop.toString());
            assertTrue(!startFs.contains(stop.f()), "stop is not a start: " + stop);
            if (p.name().equals("clock")) {
                assertEquals(Set.of("bump-clock", "strobe-clock"), startFs);
            }
        }
    }

    private static void checkParams(FaultOp op) {
        Map<String, Object> v = op.value();
        switch (op.f()) {
            case "bump-clock" -> {
                long d = (Long) v.get("deltaMs");
                assertTrue(d != 0 && Math.abs(d) <= NemesisPackage.BUMP_MS_MAX, op.toString());
            }
            case "strobe-clock" -> {
                assertTrue((Long) v.get("periodMs") >= NemesisPackage.STROBE_PERIOD_MS_MIN, op.toString());
                long dur = (Long) v.get("durationMs");
                assertTrue(dur > 0 && dur <= NemesisPackage.STROBE_DURATION_MS_MAX, op.toString());
            }
            case "start-loss" -> {
                double p = (Double) v.get("probability");
                assertTrue(p > 0 && p < 1, op.toString());
            }
            case "start-delay" -> assertTrue((Long) v.get("delayMs") > 0, op.toString());
            default -> assertEquals(Set.of("targets"), v.keySet(), op.toString());
        }
    }

    @Test
    void schedulesArePureFunctionsOfTheSeed() {
        for (NemesisPackage p : NemesisPackages.packages("all")) {
            List<FaultOp> a = new ArrayList<>();
            List<FaultOp> b = new ArrayList<>();
            Rng ra = new Rng(7);
            Rng rb = new Rng(7);
            for (int i = 0; i < 50; i++) {
                a.add(p.start(ra));
                b.add(p.start(rb));
            }
            assertEquals(a, b, p.name());
        }
    }

    @Test
    void stopOpsAndChoices() {
        assertEquals(new FaultOp("stop-partition", null), NemesisPackages.get("partition").stop());
        assertNull(NemesisPackages.get("partition").stop().value());
        assertEquals(FaultOp.of("start", "all"), NemesisPackages.get("kill").stop());
        assertEquals(FaultOp.of("resume", "all"), NemesisPackages.get("pause").stop());
        assertEquals(Grudges.KINDS, NemesisPackages.get("partition").choices());
        NemesisPackage onlyRing = NemesisPackages.get("partition").withChoices(List.of("majorities-ring"));
        assertEquals("majorities-ring", onlyRing.start(new Rng(1)).value().get("targets"));
        assertEquals(List.of("all"), NemesisPackages.get("kill").withChoices(List.of("all")).choices());
        assertThrows(IllegalArgumentException.class, () -> NemesisPackages.get("kill").withChoices(List.of("bridge")));
        assertThrows(IllegalArgumentException.class, () -> NemesisPackages.get("teleport"));
        assertEquals(ProcessFaults.class, NemesisPackages.get("pause").capability());
        assertNull(NemesisPackages.get("partition").capability());
    }

    @Test
    void packagesForFewNodesLeaveOutWhatCannotBeBuilt() {
        NemesisPackage two = NemesisPackages.packages("partition,kill", 2).get(0);
        assertEquals(List.of("halves", "one", "majority", "minority", "leader"), two.choices());
        Rng rng = new Rng(5);
        for (int i = 0; i < 100; i++) {
            String kind = (String) two.start(rng).value().get("targets");
            Grudges.build(kind, GrudgesTest.nodes(2), null, rng); // every drawn kind builds on 2 nodes
        }
        assertEquals(Grudges.KINDS, NemesisPackages.packages("partition", 3).get(0).choices());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NemesisPackages.packages("all", 1));
        assertTrue(e.getMessage().contains("at least 2 nodes"), e.getMessage());
        assertEquals(List.of("kill"), NemesisPackages.packages("kill", 1).stream().map(NemesisPackage::name).toList());
    }
}
