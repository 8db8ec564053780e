package io.faultline.labs.runner;

import io.faultline.labs.sim.RaftSimSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The suites {@code faultline lab} knows, by name. */
public final class LabSuites {
    private LabSuites() {}

    /**
     * Raft, kvsrv, rsm and kvraft, then the suites found with {@link ServiceLoader}: mapreduce
     * registers its suite from the CLI module ({@code META-INF/services/io.faultline.labs.runner.LabSuite}),
     * so the simulator suites need not depend on its Vert.x processes.
     */
    public static List<LabSuite> all() {
        List<LabSuite> all = new ArrayList<>();
        all.add(new RaftSimSuite());
        all.addAll(io.faultline.labs.kvsrv.KvsrvSimSuite.all());
        all.add(new io.faultline.labs.rsm.RsmSimSuite());
        all.addAll(io.faultline.labs.kvraft.KvRaftSimSuite.all());
        for (LabSuite s : ServiceLoader.load(LabSuite.class)) {
            all.add(s);
        }
        return all;
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
