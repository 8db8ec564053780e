package io.faultline.faults;

import io.faultline.core.Check;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A partition as Jepsen describes it: for each node, the nodes it must not hear from. Links are
 * cut in the receiving direction; symmetric partitions list both directions. Iteration order is
 * sorted, so the same grudge always installs the same rules in the same order.
 */
public record Grudge(Map<String, Set<String>> dropsFrom) {
    public Grudge {
        TreeMap<String, Set<String>> copy = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : dropsFrom.entrySet()) {
            Check.that(!e.getValue().contains(e.getKey()), "node %s cannot drop from itself", e.getKey());
            if (!e.getValue().isEmpty()) {
                copy.put(e.getKey(), Set.copyOf(new TreeSet<>(e.getValue())));
            }
        }
        dropsFrom = java.util.Collections.unmodifiableMap(copy);
    }

    /** The grudge that cuts nothing (a healed network). */
    public static Grudge none() {
        return new Grudge(Map.of());
    }

    public boolean isEmpty() {
        return dropsFrom.isEmpty();
    }
}
