package io.faultline.faults;

import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The nemesis packages by name — {@code partition, kill, pause, clock, loss, delay}, plus
 * {@code none} and {@code all} — their schedules ({@link NemesisPackage#start}/{@link NemesisPackage#stop})
 * and the one {@link Nemesis} that performs their ops over a {@link FaultBackend}.
 */
public final class NemesisPackages {
    /** The package names, in canonical order. */
    public static final List<String> NAMES = List.of("partition", "kill", "pause", "clock", "loss", "delay");

    private NemesisPackages() {}

    /**
     * Parses a comma list of package names ({@code none} = no packages, {@code all} = every one).
     * Throws {@link IllegalArgumentException} listing the valid names for an unknown one.
     */
    public static List<String> parse(String spec) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : spec.split(",")) {
            String s = raw.trim();
            if (s.isEmpty() || s.equals("none")) {
                continue;
            }
            if (s.equals("all")) {
                out.addAll(NAMES);
            } else if (NAMES.contains(s)) {
                out.add(s);
            } else {
                throw new IllegalArgumentException("unknown nemesis '" + s + "'; valid: " + String.join(", ", NAMES)
                        + ", none, all");
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String n : NAMES) {
            if (out.contains(n)) {
                ordered.add(n);
            }
        }
        return ordered;
    }

    /** The packages of a comma list (see {@link #parse}). */
    public static List<NemesisPackage> packages(String spec) {
        return parse(spec).stream().map(NemesisPackages::get).toList();
    }

    /**
     * The packages of a comma list for a test of {@code nodes} nodes: partition kinds that need more
     * nodes than there are ({@code majorities-ring} and {@code bridge} need 3) are left out, and a
     * partition package on a single node is refused (IllegalArgumentException).
     */
    public static List<NemesisPackage> packages(String spec, int nodes) {
        List<NemesisPackage> out = new ArrayList<>();
        for (NemesisPackage p : packages(spec)) {
            if (p.name().equals("partition")) {
                if (nodes < 2) {
                    throw new IllegalArgumentException("nemesis 'partition' needs at least 2 nodes, the test has " + nodes);
                }
                if (nodes < 3) {
                    p = p.withChoices(p.choices().stream()
                            .filter(k -> !k.equals("majorities-ring") && !k.equals("bridge")).toList());
                }
            }
            out.add(p);
        }
        return out;
    }

    /** One package with its default targets. */
    public static NemesisPackage get(String name) {
        List<String> procTargets = List.of("one", "minority", "majority", "leader");
        List<String> netTargets = List.of("one", "minority", "majority", "all");
        switch (name) {
            case "partition":
                return new NemesisPackage(name, Set.of("start-partition", "stop-partition"), null, Grudges.KINDS);
            case "kill":
                return new NemesisPackage(name, Set.of("kill", "start"), ProcessFaults.class, procTargets);
            case "pause":
                return new NemesisPackage(name, Set.of("pause", "resume"), ProcessFaults.class, procTargets);
            case "clock":
                return new NemesisPackage(name, Set.of("bump-clock", "strobe-clock", "reset-clock"), ClockFaults.class,
                        netTargets);
            case "loss":
                return new NemesisPackage(name, Set.of("start-loss", "stop-loss"), LinkFaults.class, netTargets);
            case "delay":
                return new NemesisPackage(name, Set.of("start-delay", "stop-delay"), LinkFaults.class, netTargets);
            default:
                throw new IllegalArgumentException("unknown nemesis '" + name + "'; valid: " + String.join(", ", NAMES)
                        + ", none, all");
        }
    }

    /** Throws {@link IllegalArgumentException} when {@code backend} lacks a capability one of {@code packages} needs. */
    public static void requireCapabilities(List<NemesisPackage> packages, FaultBackend backend) {
        for (NemesisPackage p : packages) {
            if (p.capability() != null && !p.capability().isInstance(backend)) {
                throw new IllegalArgumentException("nemesis '" + p.name() + "' needs " + p.capability().getSimpleName()
                        + ", which the fault backend " + backend.getClass().getSimpleName() + " does not provide");
            }
        }
    }

    /** The nemesis performing the ops of {@code packages} on {@code backend}; waits with {@link Thread#sleep}. */
    public static Nemesis nemesis(List<NemesisPackage> packages, FaultBackend backend, FaultLog log, Rng rng) {
        return nemesis(packages, backend, log, rng, PackageNemesis.THREAD_SLEEP);
    }

    /**
     * The nemesis performing the ops of {@code packages} on {@code backend}, writing each change to
     * {@code log}; {@code sleeper} waits between clock-strobe flips (pass the env's sleep for the
     * simulator). Refuses (IllegalArgumentException) a package whose capability the backend lacks.
     */
    public static Nemesis nemesis(List<NemesisPackage> packages, FaultBackend backend, FaultLog log, Rng rng,
                                  Sleeper sleeper) {
        requireCapabilities(packages, backend);
        return new PackageNemesis(packages, backend, log, rng, sleeper);
    }

    /** How the nemesis waits (real time, or the simulator's virtual time). */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }
}
