package io.faultline.faults;

import java.util.List;
import java.util.Map;

/** The sink of fault changes: one {@code faults.jsonl} line each (format in docs/store.md). */
public interface FaultLog {
    /**
     * Records one fault change.
     *
     * @param action  {@code start} or {@code stop}
     * @param fault   {@code partition}, {@code kill}, {@code pause}, {@code clock}, {@code loss} or {@code delay}
     * @param targets the nodes affected; empty on a stop means every node
     * @param detail  fault-specific facts (grudge, offsetMs, probability, delayMs), JSON-ready
     */
    void record(String action, String fault, List<String> targets, Map<String, Object> detail);

    /** Like {@link #record(String, String, List, Map)}, naming how the fault was applied (iptables, sigkill, ...). */
    default void record(String action, String fault, List<String> targets, Map<String, Object> detail, String mechanism) {
        record(action, fault, targets, detail);
    }
}
