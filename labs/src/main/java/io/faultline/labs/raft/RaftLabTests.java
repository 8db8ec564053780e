package io.faultline.labs.raft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 28 tests of the Raft lab, in the order of {@code raft_test.go}, then Faultline's own
 * paper-sentence scenarios (part "paper", {@link RaftTestsPaper}).
 */
public final class RaftLabTests {
    private static final List<RaftLabTest> ALL;

    static {
        List<RaftLabTest> all = new ArrayList<>();
        all.addAll(RaftTests3A.all());
        all.addAll(RaftTests3B.all());
        all.addAll(RaftTests3C.all());
        all.addAll(RaftTests3D.all());
        all.addAll(RaftTestsPaper.all());
        ALL = Collections.unmodifiableList(all);
    }

    private RaftLabTests() {}

    public static List<RaftLabTest> all() {
        return ALL;
    }

    /** The test named {@code name}, or null. */
    public static RaftLabTest byName(String name) {
        for (RaftLabTest t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
