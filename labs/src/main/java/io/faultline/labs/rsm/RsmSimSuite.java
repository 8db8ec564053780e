package io.faultline.labs.rsm;

import io.faultline.labs.kvsrv.KvRuns;
import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabSuite;
import io.faultline.labs.runner.LabTestInfo;
import io.faultline.labs.runner.RunOutcome;
import io.faultline.labs.sim.SimLabEnv;
import io.faultline.raft.RaftFactories;
import io.faultline.raft.api.RaftFactory;
import io.faultline.sim.Simulation;
import java.util.ArrayList;
import java.util.List;

/** The rsm suite (8 tests, spec §6.3) on the simulator, over any Raft by name ({@code --raft}). */
public final class RsmSimSuite implements LabSuite {
    @Override
    public String name() {
        return "rsm";
    }

    @Override
    public List<LabTestInfo> tests() {
        List<LabTestInfo> out = new ArrayList<>();
        for (RsmTests.RsmTest t : RsmTests.all()) {
            out.add(new LabTestInfo(name(), t.name(), t.part()));
        }
        return out;
    }

    @Override
    public String checkOptions(LabOptions options) {
        return raftProblem(options);
    }

    /** Null when {@code --raft} names a known Raft (or is absent), else a usage message. */
    public static String raftProblem(LabOptions options) {
        if (options.raftName() != null && RaftFactories.byName(options.raftName()) == null) {
            List<String> names = new ArrayList<>();
            for (RaftFactory f : RaftFactories.all()) {
                names.add(f.name());
            }
            return "unknown raft '" + options.raftName() + "'; valid: " + String.join(", ", names);
        }
        return null;
    }

    /** The Raft the options name, or the default. */
    public static RaftFactory raft(LabOptions options) {
        String name = options.raftName() == null ? RaftFactories.DEFAULT_NAME : options.raftName();
        RaftFactory f = RaftFactories.byName(name);
        if (f == null) {
            throw new IllegalArgumentException("no raft " + name);
        }
        return f;
    }

    @Override
    public RunOutcome run(String testName, long seed, LabOptions options) {
        RsmTests.RsmTest test = RsmTests.byName(testName);
        if (test == null) {
            throw new IllegalArgumentException("no rsm lab test " + testName);
        }
        return run(test, raft(options), seed);
    }

    public static RunOutcome run(RsmTests.RsmTest test, RaftFactory factory, long seed) {
        Simulation sim = KvRuns.newSimulation(seed);
        sim.network().setReliable(true);
        RsmLab lab = new RsmLab(sim, new SimLabEnv(sim), factory, test.maxRaftState());
        return KvRuns.run(test.name(), seed, sim, () -> test.body().accept(lab), null);
    }
}
