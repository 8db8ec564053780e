package io.faultline.labs.raft;

import io.faultline.core.Check;

/**
 * One test of the Raft lab suite: its 6.5840 name, part (3A..3D), setup and body.
 *
 * @param servers  peers in the cluster
 * @param reliable whether the network starts reliable
 * @param snapshot whether the appliers run in snapshot mode (3D)
 */
public record RaftLabTest(String name, String part, int servers, boolean reliable, boolean snapshot, Body body) {
    public RaftLabTest {
        Check.that(name.startsWith("Test") && name.endsWith(part), "test name %s must end with its part %s", name, part);
        Check.inRange(servers, 1, 9, "servers");
    }

    /** The scenario, run as the test's main task. */
    @FunctionalInterface
    public interface Body {
        void run(RaftTester t);
    }
}
