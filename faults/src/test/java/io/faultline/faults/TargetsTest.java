package io.faultline.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TargetsTest {
    @Test
    void sizesFollowTheSpec() {
        for (int n = 1; n <= 7; n++) {
            List<String> ns = GrudgesTest.nodes(n);
            for (long seed = 0; seed < 50; seed++) {
                Rng rng = new Rng(seed);
                assertEquals(1, Targets.select("one", ns, null, rng).nodes().size());
                assertEquals(Math.max(1, (n - 1) / 2), Targets.select("minority", ns, null, rng).nodes().size());
                assertEquals(n / 2 + 1, Targets.select("majority", ns, null, rng).nodes().size());
                assertEquals(ns, Targets.select("all", ns, null, rng).nodes());
                for (String spec : Targets.SPECS) {
                    List<String> got = Targets.select(spec, ns, null, rng).nodes();
                    assertEquals(new TreeSet<>(got).size(), got.size(), "no node twice");
                    assertTrue(ns.containsAll(got));
                    assertEquals(List.copyOf(new TreeSet<>(got)), got, "sorted");
                }
            }
        }
    }

    @Test
    void leaderAndNamedNodes() {
        List<String> ns = GrudgesTest.nodes(5);
        Targets.Selection s = Targets.select("leader", ns, "n3", new Rng(1));
        assertEquals(List.of("n3"), s.nodes());
        assertNull(s.note());
        Targets.Selection none = Targets.select("leader", ns, null, new Rng(1));
        assertEquals(1, none.nodes().size());
        assertTrue(none.note().startsWith("no leader found"), none.note());
        assertEquals(List.of("n2"), Targets.select("n2", ns, null, new Rng(1)).nodes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Targets.select("some", ns, null, new Rng(1)));
        assertTrue(e.getMessage().contains("minority"), e.getMessage());
    }

    @Test
    void deterministicPerSeedAndVariedAcrossSeeds() {
        List<String> ns = GrudgesTest.nodes(5);
        Set<List<String>> seen = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            assertEquals(Targets.select("minority", ns, null, new Rng(seed)), Targets.select("minority", ns, null, new Rng(seed)));
            seen.add(Targets.select("minority", ns, null, new Rng(seed)).nodes());
        }
        assertTrue(seen.size() > 3, "choices vary: " + seen);
    }
}
