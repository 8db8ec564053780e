package io.faultline.faults;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One nemesis package as pure data: its name, the {@code f}s its ops use, the capability interface
 * a backend needs for it, and its schedule — {@link #start} draws a start op (a random target or
 * partition kind and random parameters, from the Rng given only), {@link #stop} is the op that
 * ends it. The runner alternates them ({@code flipFlop}) with {@code stagger} between.
 */
public final class NemesisPackage {
    /** Largest clock bump: 2^16 ms (about 65 s), either direction. */
    public static final long BUMP_MS_MAX = 1L << 16;
    /** Strobes last 1-5 s and never more than this. */
    public static final long STROBE_DURATION_MS_MAX = 10_000;
    /** Shortest strobe period (each flip is one admin call per node). */
    public static final long STROBE_PERIOD_MS_MIN = 10;
    static final List<Double> LOSS_PROBABILITIES = List.of(0.05, 0.1, 0.2, 0.3);
    static final List<Long> DELAYS_MS = List.of(10L, 50L, 100L, 200L);

    private final String name;
    private final Set<String> fs;
    private final Class<?> capability;
    private final List<String> choices;

    NemesisPackage(String name, Set<String> fs, Class<?> capability, List<String> choices) {
        this.name = name;
        this.fs = Set.copyOf(fs);
        this.capability = capability;
        this.choices = List.copyOf(choices);
        Check.that(!this.choices.isEmpty(), "package %s has no targets", name);
    }

    public String name() {
        return name;
    }

    /** The {@code f}s of this package's ops (its start f, stop f and any other). */
    public Set<String> fs() {
        return fs;
    }

    /** The capability interface the backend must implement ({@link ProcessFaults}, ...), or null. */
    public Class<?> capability() {
        return capability;
    }

    /** The target specs (or partition kinds) {@link #start} draws from. */
    public List<String> choices() {
        return choices;
    }

    /** A copy drawing only from {@code targets} (partition kinds for partition, target specs otherwise). */
    public NemesisPackage withChoices(List<String> targets) {
        List<String> valid = name.equals("partition") ? Grudges.KINDS : Targets.SPECS;
        for (String t : targets) {
            if (!valid.contains(t)) {
                throw new IllegalArgumentException("package " + name + " has no target '" + t + "'; valid: "
                        + String.join(", ", valid));
            }
        }
        return new NemesisPackage(name, fs, capability, targets);
    }

    /** Draws the next start op. */
    public FaultOp start(Rng rng) {
        String target = choices.get(rng.nextInt(choices.size()));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("targets", target);
        switch (name) {
            case "partition":
                return new FaultOp("start-partition", v);
            case "kill":
                return new FaultOp("kill", v);
            case "pause":
                return new FaultOp("pause", v);
            case "clock":
                if (rng.nextInt(3) < 2) {
                    v.put("deltaMs", signed(rng, 1L << (4 + rng.nextInt(13))));
                    return new FaultOp("bump-clock", v);
                }
                v.put("deltaMs", signed(rng, 1L << (4 + rng.nextInt(11))));
                v.put("periodMs", STROBE_PERIOD_MS_MIN + rng.nextLong(191));
                v.put("durationMs", 1_000 + rng.nextLong(4_001));
                return new FaultOp("strobe-clock", v);
            case "loss":
                v.put("probability", LOSS_PROBABILITIES.get(rng.nextInt(LOSS_PROBABILITIES.size())));
                return new FaultOp("start-loss", v);
            case "delay":
                v.put("delayMs", DELAYS_MS.get(rng.nextInt(DELAYS_MS.size())));
                return new FaultOp("start-delay", v);
            default:
                throw new IllegalStateException("no schedule for package " + name);
        }
    }

    /** The op that ends whatever this package started (on every node). */
    public FaultOp stop() {
        switch (name) {
            case "partition":
                return new FaultOp("stop-partition", null);
            case "kill":
                return FaultOp.of("start", "all");
            case "pause":
                return FaultOp.of("resume", "all");
            case "clock":
                return FaultOp.of("reset-clock", "all");
            case "loss":
                return FaultOp.of("stop-loss", "all");
            case "delay":
                return FaultOp.of("stop-delay", "all");
            default:
                throw new IllegalStateException("no schedule for package " + name);
        }
    }

    private static long signed(Rng rng, long magnitude) {
        return rng.nextBoolean() ? magnitude : -magnitude;
    }

    @Override
    public String toString() {
        return "NemesisPackage[" + name + " " + choices + "]";
    }
}
