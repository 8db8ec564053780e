package io.faultline.faults;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Partition builders (pure: the only randomness is the {@link Rng} passed in). Every grudge built
 * here is symmetric: over TCP a link cut in one direction is cut in both (the handshake needs
 * both), so a one-way grudge would isolate more than it says.
 *
 * <ul>
 *   <li>{@code halves}: a random split into ⌊n/2⌋ and ⌈n/2⌉ nodes;</li>
 *   <li>{@code one}: one random node isolated from the rest;</li>
 *   <li>{@code majority}: a random split into the largest minority (⌊(n-1)/2⌋, at least 1) and a majority;</li>
 *   <li>{@code minority}: a random minority of random size 1..⌊(n-1)/2⌋ isolated from the majority;</li>
 *   <li>{@code majorities-ring}: each node sees a majority and no two nodes see the same one
 *       ({@link #checkMajoritiesRing}, needs n ≥ 3);</li>
 *   <li>{@code bridge}: two halves that cannot talk, joined by one node that sees both;</li>
 *   <li>{@code leader}: the given node isolated (see {@link #isolate}).</li>
 * </ul>
 */
public final class Grudges {
    /** The partition kinds, in the order the partition package draws from. */
    public static final List<String> KINDS = List.of("halves", "one", "majority", "minority", "majorities-ring", "bridge", "leader");

    private Grudges() {}

    /** A partition that was built: its kind, the grudge, the components (who can talk) and a note. */
    public record Partition(String kind, Grudge grudge, List<List<String>> components, String note) {
        public Partition {
            components = components.stream().map(List::copyOf).toList();
        }

        /** JSON-ready form for completions and faults.jsonl. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("grudge", grudgeMap(grudge));
            m.put("components", components);
            if (note != null) {
                m.put("note", note);
            }
            return m;
        }
    }

    /**
     * Builds the partition {@code kind} over {@code nodes}. For {@code leader}, {@code leader} is the
     * node to isolate; when it is null a random node is isolated and the note says so.
     */
    public static Partition build(String kind, List<String> nodes, String leader, Rng rng) {
        Check.that(nodes.size() >= 2, "a partition needs at least 2 nodes, got %s", nodes.size());
        List<String> shuffled = shuffle(nodes, rng);
        int n = nodes.size();
        switch (kind) {
            case "halves":
                return split(kind, shuffled, n / 2, null);
            case "one":
                return split(kind, shuffled, 1, null);
            case "majority":
                return split(kind, shuffled, Math.max(1, (n - 1) / 2), null);
            case "minority":
                return split(kind, shuffled, 1 + rng.nextInt(Math.max(1, (n - 1) / 2)), null);
            case "majorities-ring":
                return majoritiesRing(shuffled);
            case "bridge":
                return bridge(shuffled);
            case "leader":
                if (leader != null) {
                    Check.that(nodes.contains(leader), "leader %s is not one of %s", leader, nodes);
                    return isolate(kind, nodes, leader, null);
                }
                return isolate(kind, nodes, shuffled.get(0), "no leader found; isolated random node " + shuffled.get(0));
            default:
                throw new IllegalArgumentException("unknown partition '" + kind + "'; valid: " + String.join(", ", KINDS));
        }
    }

    /** {@code node} cut off from every other node. */
    public static Partition isolate(String kind, List<String> nodes, String node, String note) {
        List<String> rest = new ArrayList<>(nodes);
        rest.remove(node);
        return new Partition(kind, complete(List.of(List.of(node), rest)), List.of(List.of(node), sorted(rest)), note);
    }

    /** The grudge in which nodes talk only within their own component. */
    public static Grudge complete(List<? extends Collection<String>> components) {
        Map<String, Set<String>> drops = new TreeMap<>();
        for (Collection<String> c : components) {
            for (String a : c) {
                Set<String> d = drops.computeIfAbsent(a, k -> new TreeSet<>());
                for (Collection<String> other : components) {
                    if (other != c) {
                        d.addAll(other);
                    }
                }
            }
        }
        return new Grudge(drops);
    }

    /**
     * Each node's view: itself plus every node it hears from and that hears from it (over TCP a
     * link works only when neither side drops the other).
     */
    public static Map<String, Set<String>> visible(Grudge g, List<String> nodes) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String a : nodes) {
            Set<String> v = new TreeSet<>();
            for (String b : nodes) {
                if (a.equals(b) || !drops(g, a, b) && !drops(g, b, a)) {
                    v.add(b);
                }
            }
            out.put(a, v);
        }
        return out;
    }

    /**
     * The majorities-ring safety check: every node sees a strict majority and no two nodes see the
     * same set. Throws {@link IllegalStateException} naming the offending nodes.
     */
    public static void checkMajoritiesRing(Grudge g, List<String> nodes) {
        int majority = nodes.size() / 2 + 1;
        Map<String, Set<String>> v = visible(g, nodes);
        Map<Set<String>, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : v.entrySet()) {
            Check.that(e.getValue().size() >= majority, "majorities-ring: %s sees only %s, not a majority of %s",
                    e.getKey(), e.getValue(), nodes.size());
            String other = seen.put(e.getValue(), e.getKey());
            Check.that(other == null, "majorities-ring: %s and %s see the same majority %s", other, e.getKey(), e.getValue());
        }
    }

    /** JSON-ready form of a grudge: node → sorted list of nodes it drops from. */
    public static Map<String, List<String>> grudgeMap(Grudge g) {
        Map<String, List<String>> m = new TreeMap<>();
        g.dropsFrom().forEach((k, v) -> m.put(k, List.copyOf(new TreeSet<>(v))));
        return m;
    }

    private static boolean drops(Grudge g, String receiver, String sender) {
        Set<String> d = g.dropsFrom().get(receiver);
        return d != null && d.contains(sender);
    }

    private static Partition split(String kind, List<String> shuffled, int smallSize, String note) {
        List<String> small = sorted(shuffled.subList(0, smallSize));
        List<String> large = sorted(shuffled.subList(smallSize, shuffled.size()));
        return new Partition(kind, complete(List.of(small, large)), List.of(small, large), note);
    }

    /**
     * Nodes in a random ring; each sees the nodes within distance d = ⌈(m-1)/2⌉ (m = majority), a
     * window of 2d+1 ≥ m nodes that is not the whole ring for n ≥ 4, so windows centred on
     * different nodes differ. For n = 3 a ring cannot do it (a window of 3 is everyone): the
     * nodes form a line a-b-c, whose views {a,b}, {a,b,c}, {b,c} are distinct majorities.
     */
    private static Partition majoritiesRing(List<String> ring) {
        int n = ring.size();
        Check.that(n >= 3, "majorities-ring needs at least 3 nodes, got %s", n);
        Map<String, Set<String>> drops = new TreeMap<>();
        List<List<String>> views = new ArrayList<>();
        if (n == 3) {
            drops.put(ring.get(0), Set.of(ring.get(2)));
            drops.put(ring.get(2), Set.of(ring.get(0)));
        } else {
            int majority = n / 2 + 1;
            int d = majority / 2; // = ceil((m-1)/2)
            for (int i = 0; i < n; i++) {
                Set<String> far = new TreeSet<>();
                for (int j = 0; j < n; j++) {
                    int dist = Math.min(Math.abs(i - j), n - Math.abs(i - j));
                    if (dist > d) {
                        far.add(ring.get(j));
                    }
                }
                drops.put(ring.get(i), far);
            }
        }
        Grudge g = new Grudge(drops);
        for (Set<String> view : visible(g, ring).values()) {
            views.add(List.copyOf(view));
        }
        checkMajoritiesRing(g, ring);
        return new Partition("majorities-ring", g, views, null);
    }

    /** Two halves of the other n-1 nodes, plus one bridge node (the first) that sees everyone. */
    private static Partition bridge(List<String> shuffled) {
        int n = shuffled.size();
        Check.that(n >= 3, "bridge needs at least 3 nodes, got %s", n);
        String bridge = shuffled.get(0);
        List<String> rest = shuffled.subList(1, n);
        List<String> a = sorted(rest.subList(0, rest.size() / 2));
        List<String> b = sorted(rest.subList(rest.size() / 2, rest.size()));
        Grudge g = complete(List.of(a, b));
        List<String> left = new ArrayList<>(a);
        left.add(bridge);
        List<String> right = new ArrayList<>(b);
        right.add(bridge);
        return new Partition("bridge", g, List.of(sorted(left), sorted(right)), "bridge node " + bridge);
    }

    static List<String> shuffle(List<String> nodes, Rng rng) {
        List<String> out = new ArrayList<>(nodes);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static List<String> sorted(Collection<String> c) {
        return List.copyOf(new TreeSet<>(c));
    }
}
