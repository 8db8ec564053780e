package io.faultline.faults;

import java.util.Set;

/**
 * Performs fault operations. The interpreter calls it from its one nemesis thread: {@code invoke}
 * for each nemesis op of the generator, {@code healAll} in the final phase and on the way out.
 * Every fault change is also written to {@code faults.jsonl} (see {@link FaultLog}).
 */
public interface Nemesis extends AutoCloseable {
    /** The {@code f}s this nemesis accepts, e.g. {@code start-partition}, {@code kill}, {@code bump-clock}. */
    Set<String> fs();

    /**
     * Performs one op, e.g. f {@code start-partition} with value {@code "majorities-ring"}, and
     * returns the completion value: what was actually done (the concrete grudge, the nodes killed).
     * Throws when the fault could not be applied; the interpreter records that as {@code info}.
     */
    Object invoke(String f, Object value) throws Exception;

    /** Ends every active fault: heals partitions, restarts killed and resumes paused nodes, resets clocks, clears loss and delay. */
    void healAll() throws Exception;

    /** Heals everything it can and releases resources (iptables chain, helper threads). Never throws. */
    @Override
    void close();
}
