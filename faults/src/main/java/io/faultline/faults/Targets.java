package io.faultline.faults;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import java.util.List;
import java.util.TreeSet;

/**
 * Node targets for kill, pause, clock, loss and delay (pure; randomness only from the Rng given):
 * {@code one} (a random node), {@code minority} (⌊(n-1)/2⌋ random nodes, at least 1),
 * {@code majority} (⌊n/2⌋+1 random nodes), {@code all}, {@code leader} (the backend's leader, or
 * a random node when there is none, which {@link Selection#note} then says).
 */
public final class Targets {
    public static final List<String> SPECS = List.of("one", "minority", "majority", "all", "leader");

    private Targets() {}

    /** The chosen nodes (sorted) and, when the choice fell back, why. */
    public record Selection(String spec, List<String> nodes, String note) {
        public Selection {
            nodes = List.copyOf(nodes);
        }
    }

    /** Resolves {@code spec} over {@code nodes}; {@code leader} may be null (no leader known). */
    public static Selection select(String spec, List<String> nodes, String leader, Rng rng) {
        Check.that(!nodes.isEmpty(), "no nodes to choose from");
        int n = nodes.size();
        List<String> shuffled = Grudges.shuffle(nodes, rng);
        switch (spec) {
            case "one":
                return new Selection(spec, shuffled.subList(0, 1), null);
            case "minority":
                return new Selection(spec, sorted(shuffled.subList(0, Math.max(1, (n - 1) / 2))), null);
            case "majority":
                return new Selection(spec, sorted(shuffled.subList(0, n / 2 + 1)), null);
            case "all":
                return new Selection(spec, nodes, null);
            case "leader":
                if (leader != null) {
                    Check.that(nodes.contains(leader), "leader %s is not one of %s", leader, nodes);
                    return new Selection(spec, List.of(leader), null);
                }
                return new Selection(spec, shuffled.subList(0, 1), "no leader found; chose random node " + shuffled.get(0));
            default:
                if (nodes.contains(spec)) {
                    return new Selection(spec, List.of(spec), null); // a node named directly
                }
                throw new IllegalArgumentException("unknown target '" + spec + "'; valid: " + String.join(", ", SPECS)
                        + " or a node name");
        }
    }

    private static List<String> sorted(List<String> l) {
        return List.copyOf(new TreeSet<>(l));
    }
}
