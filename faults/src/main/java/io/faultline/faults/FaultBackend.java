package io.faultline.faults;

import java.util.List;

/**
 * What a backend (local processes, the simulator, later Docker) lets a nemesis do to the nodes of
 * one test. Nodes are named {@code n1..nN}. Optional capabilities are separate interfaces
 * ({@link ProcessFaults}, {@link ClockFaults}, {@link LinkFaults}); a backend implements those it
 * supports and a nemesis package that needs a missing one is refused when the test is built.
 * Methods are called from the interpreter's nemesis thread only.
 */
public interface FaultBackend {
    /** The node names, {@code n1..nN}, in order. */
    List<String> nodes();

    /** The node that currently says it is leader in the highest term, or null when none does. */
    String leader();

    /** Replaces the current partition by {@code grudge} (an empty grudge heals). */
    void partition(Grudge grudge);

    /** {@code iptables}, {@code transport-filter} or {@code sim}: what {@link #partition} uses. */
    String partitionMechanism();

    /**
     * How this backend applies {@code fault} ({@code partition}, {@code kill}, {@code pause},
     * {@code clock}, {@code loss}, {@code delay}), for the {@code mechanism} field of faults.jsonl.
     * Added after the first SPI; the default names the partition mechanism and {@code backend} otherwise.
     */
    default String mechanism(String fault) {
        return "partition".equals(fault) ? partitionMechanism() : "backend";
    }
}
