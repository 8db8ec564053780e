package io.faultline.faults;

/** Packet loss and delay on the links into a node. */
public interface LinkFaults {
    /** Drops each packet/message to the node with this probability (0 clears it). */
    void setLoss(String node, double probability);

    /** Delays each message to the node by about this much (0 clears it). */
    void setDelayMs(String node, long delayMs);
}
