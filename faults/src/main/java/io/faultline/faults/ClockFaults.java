package io.faultline.faults;

/** Per-node clock offsets (the node Runtime's clock, or libfaketime for processes that are not ours). */
public interface ClockFaults {
    /** Sets the node's clock to real time plus {@code offsetMs} (0 resets it). */
    void setClockOffsetMs(String node, long offsetMs);
}
