package io.faultline.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GrudgesTest {
    static List<String> nodes(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("n" + i);
        }
        return out;
    }

    static void assertSymmetric(Grudge g) {
        g.dropsFrom().forEach((a, from) -> from.forEach(b ->
                assertTrue(g.dropsFrom().getOrDefault(b, Set.of()).contains(a), a + " drops " + b + " but not the reverse")));
    }

    /** The components are disjoint, cover the nodes, and each node sees exactly its component. */
    static void assertCompleteSplit(Grudges.Partition p, List<String> nodes) {
        Set<String> all = new TreeSet<>();
        for (List<String> c : p.components()) {
            for (String n : c) {
                assertTrue(all.add(n), n + " in two components of " + p);
            }
        }
        assertEquals(new TreeSet<>(nodes), all);
        Map<String, Set<String>> v = Grudges.visible(p.grudge(), nodes);
        for (List<String> c : p.components()) {
            for (String n : c) {
                assertEquals(new TreeSet<>(c), v.get(n), "view of " + n + " in " + p);
            }
        }
    }

    @Test
    void splitsHaveTheirSizesAndCutExactlyBetweenComponents() {
        for (int n : new int[] {2, 3, 4, 5, 7}) {
            List<String> ns = nodes(n);
            for (long seed = 0; seed < 100; seed++) {
                Rng rng = new Rng(seed);
                Grudges.Partition halves = Grudges.build("halves", ns, null, rng);
                assertCompleteSplit(halves, ns);
                assertEquals(n / 2, halves.components().get(0).size());
                Grudges.Partition one = Grudges.build("one", ns, null, rng);
                assertCompleteSplit(one, ns);
                assertEquals(1, one.components().get(0).size());
                Grudges.Partition maj = Grudges.build("majority", ns, null, rng);
                assertCompleteSplit(maj, ns);
                assertEquals(Math.max(1, (n - 1) / 2), maj.components().get(0).size());
                if (n >= 3) {
                    assertTrue(maj.components().get(1).size() > n / 2, "a strict majority side: " + maj);
                }
                Grudges.Partition min = Grudges.build("minority", ns, null, rng);
                assertCompleteSplit(min, ns);
                int k = min.components().get(0).size();
                assertTrue(k >= 1 && k <= Math.max(1, (n - 1) / 2), "minority size " + k + " of " + n);
                for (Grudges.Partition p : List.of(halves, one, maj, min)) {
                    assertSymmetric(p.grudge());
                }
            }
        }
    }

    @Test
    void majoritiesRingEveryNodeSeesADifferentMajority() {
        for (int n : new int[] {3, 4, 5, 6, 7, 8, 9}) {
            List<String> ns = nodes(n);
            for (long seed = 0; seed < 200; seed++) {
                Grudges.Partition p = Grudges.build("majorities-ring", ns, null, new Rng(seed));
                assertSymmetric(p.grudge());
                Map<String, Set<String>> v = Grudges.visible(p.grudge(), ns);
                Set<Set<String>> distinct = new HashSet<>(v.values());
                assertEquals(n, distinct.size(), "every view differs, n=" + n + " " + v);
                for (Set<String> view : v.values()) {
                    assertTrue(view.size() > n / 2, "a majority: " + view + " of " + n);
                    assertTrue(view.size() < n || n == 3, "nobody but the n=3 middle node sees everyone: " + v);
                }
                Grudges.checkMajoritiesRing(p.grudge(), ns); // the always-on check agrees
            }
        }
    }

    /** A ring builder with the window radius as a parameter: the real one uses ⌈(m-1)/2⌉. */
    static Grudge ringWithRadius(List<String> ring, int d) {
        Map<String, Set<String>> drops = new TreeMap<>();
        int n = ring.size();
        for (int i = 0; i < n; i++) {
            Set<String> far = new TreeSet<>();
            for (int j = 0; j < n; j++) {
                if (Math.min(Math.abs(i - j), n - Math.abs(i - j)) > d) {
                    far.add(ring.get(j));
                }
            }
            drops.put(ring.get(i), far);
        }
        return new Grudge(drops);
    }

    /** Broken ring builders: the check catches views that are not majorities and views that coincide. */
    @Test
    void majoritiesRingCheckRejectsBrokenRings() {
        List<String> seven = nodes(7);
        Grudges.checkMajoritiesRing(ringWithRadius(seven, 2), seven); // the right radius passes
        IllegalStateException narrow = assertThrows(IllegalStateException.class,
                () -> Grudges.checkMajoritiesRing(ringWithRadius(seven, 1), seven));
        assertTrue(narrow.getMessage().contains("not a majority"), narrow.getMessage());
        IllegalStateException wide = assertThrows(IllegalStateException.class,
                () -> Grudges.checkMajoritiesRing(ringWithRadius(seven, 3), seven));
        assertTrue(wide.getMessage().contains("same majority"), wide.getMessage());
        // a plain majority/minority split: the minority side sees no majority
        Grudge split = Grudges.complete(List.of(List.of("n1", "n2"), List.of("n3", "n4", "n5")));
        assertThrows(IllegalStateException.class, () -> Grudges.checkMajoritiesRing(split, nodes(5)));
        // every view a majority, but three nodes share one: cutting only n1-n2 leaves n3, n4, n5 seeing all
        Grudge shared = new Grudge(Map.of("n1", Set.of("n2"), "n2", Set.of("n1")));
        IllegalStateException same = assertThrows(IllegalStateException.class,
                () -> Grudges.checkMajoritiesRing(shared, nodes(5)));
        assertTrue(same.getMessage().contains("same majority"), same.getMessage());
    }

    @Test
    void bridgeNodeSeesBothHalvesWhichCannotTalk() {
        for (int n : new int[] {3, 5, 7}) {
            List<String> ns = nodes(n);
            for (long seed = 0; seed < 100; seed++) {
                Grudges.Partition p = Grudges.build("bridge", ns, null, new Rng(seed));
                assertSymmetric(p.grudge());
                Map<String, Set<String>> v = Grudges.visible(p.grudge(), ns);
                List<String> everyone = new ArrayList<>();
                v.forEach((k, view) -> {
                    if (view.size() == n) {
                        everyone.add(k);
                    }
                });
                assertEquals(1, everyone.size(), "exactly one bridge: " + v);
                String bridge = everyone.get(0);
                assertTrue(p.note().contains(bridge));
                for (List<String> side : p.components()) {
                    assertTrue(side.contains(bridge));
                    assertTrue(side.size() > n / 2, "each side plus the bridge is a majority: " + p);
                    for (String a : side) {
                        if (!a.equals(bridge)) {
                            assertEquals(new TreeSet<>(side), v.get(a), "a side node sees its side and the bridge");
                        }
                    }
                }
            }
        }
    }

    @Test
    void leaderIsolatesTheLeaderOrARandomNodeWithANote() {
        List<String> ns = nodes(5);
        Grudges.Partition p = Grudges.build("leader", ns, "n4", new Rng(1));
        assertEquals(List.of("n4"), p.components().get(0));
        assertNull(p.note());
        assertCompleteSplit(p, ns);
        Grudges.Partition q = Grudges.build("leader", ns, null, new Rng(1));
        assertEquals(1, q.components().get(0).size());
        assertNotNull(q.note());
        assertTrue(q.note().contains("no leader") && q.note().contains(q.components().get(0).get(0)), q.note());
    }

    @Test
    void sameSeedSameGrudgeAndSeedsVary() {
        Set<Grudge> seen = new HashSet<>();
        for (String kind : Grudges.KINDS) {
            for (long seed = 0; seed < 20; seed++) {
                Grudges.Partition a = Grudges.build(kind, nodes(5), "n1", new Rng(seed));
                Grudges.Partition b = Grudges.build(kind, nodes(5), "n1", new Rng(seed));
                assertEquals(a, b);
                seen.add(a.grudge());
            }
        }
        assertTrue(seen.size() > 10, "random partitions differ across seeds: " + seen.size());
    }

    @Test
    void badInputIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Grudges.build("triangle", nodes(3), null, new Rng(1)));
        assertTrue(e.getMessage().contains("majorities-ring") && e.getMessage().contains("bridge"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Grudges.build("one", nodes(1), null, new Rng(1)));
        assertThrows(IllegalStateException.class, () -> Grudges.build("majorities-ring", nodes(2), null, new Rng(1)));
        assertThrows(IllegalStateException.class, () -> Grudges.build("leader", nodes(3), "n9", new Rng(1)));
        Map<String, Object> m = Grudges.build("one", nodes(3), null, new Rng(1)).toMap();
        assertEquals("one", m.get("kind"));
        assertFalse(((Map<?, ?>) m.get("grudge")).isEmpty());
    }
}
