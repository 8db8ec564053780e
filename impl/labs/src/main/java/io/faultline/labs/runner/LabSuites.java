package io.faultline.labs.runner;

import io.faultline.labs.sim.RaftSimSuite;
import java.util.List;

/** The suites {@code faultline lab} knows, by name. */
public final class LabSuites {
    private LabSuites() {}

    public static List<LabSuite> all() {
        return List.of(new RaftSimSuite());
    }

    /** The suite named {@code name}, or null. */
    public static LabSuite byName(String name) {
        for (LabSuite s : all()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
