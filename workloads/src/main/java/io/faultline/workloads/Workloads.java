package io.faultline.workloads;

import java.util.List;

/** The workloads by name, for {@code faultline test --workload}. */
public final class Workloads {
    public static final List<String> NAMES = List.of("register", "set", "counter");

    private Workloads() {}

    /** The workload called {@code name} with its defaults; an unknown name is an error listing the known ones. */
    public static KvWorkload byName(String name) {
        switch (name) {
            case "register":
                return RegisterWorkload.defaults();
            case "set":
                return SetWorkload.defaults();
            case "counter":
                return CounterWorkload.defaults();
            default:
                throw new IllegalArgumentException("unknown workload '" + name + "'; valid: " + String.join(", ", NAMES));
        }
    }
}
