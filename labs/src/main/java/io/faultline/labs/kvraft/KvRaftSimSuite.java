package io.faultline.labs.kvraft;

import io.faultline.kvraft.KvRaftVariant;
import io.faultline.labs.kvsrv.KvRuns;
import io.faultline.labs.rsm.RsmSimSuite;
import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabSuite;
import io.faultline.labs.runner.LabTestInfo;
import io.faultline.labs.runner.RunOutcome;
import io.faultline.labs.sim.SimLabEnv;
import io.faultline.raft.api.RaftFactory;
import io.faultline.sim.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * The kvraft suite (22 tests, spec §6.6) on the simulator, over any Raft by name ({@code --raft}).
 * A planted-bug server is a suite of its own, {@code kvraft:<bug>}.
 */
public final class KvRaftSimSuite implements LabSuite {
    private final KvRaftVariant variant;

    public KvRaftSimSuite() {
        this(KvRaftVariant.CORRECT);
    }

    public KvRaftSimSuite(KvRaftVariant variant) {
        this.variant = variant;
    }

    public static List<LabSuite> all() {
        List<LabSuite> out = new ArrayList<>();
        for (KvRaftVariant v : KvRaftVariant.values()) {
            out.add(new KvRaftSimSuite(v));
        }
        return out;
    }

    @Override
    public String name() {
        return variant == KvRaftVariant.CORRECT ? "kvraft" : "kvraft:" + variant.label;
    }

    @Override
    public List<LabTestInfo> tests() {
        List<LabTestInfo> out = new ArrayList<>();
        for (KvRaftTests.KvRaftTest t : KvRaftTests.all()) {
            out.add(new LabTestInfo(name(), t.name(), t.part()));
        }
        return out;
    }

    @Override
    public String checkOptions(LabOptions options) {
        return RsmSimSuite.raftProblem(options);
    }

    @Override
    public RunOutcome run(String testName, long seed, LabOptions options) {
        KvRaftTests.KvRaftTest test = KvRaftTests.byName(testName);
        if (test == null) {
            throw new IllegalArgumentException("no kvraft lab test " + testName);
        }
        return run(test, RsmSimSuite.raft(options), variant, seed);
    }

    public static RunOutcome run(KvRaftTests.KvRaftTest test, RaftFactory factory, KvRaftVariant variant, long seed) {
        Simulation sim = KvRuns.newSimulation(seed);
        sim.network().setReliable(test.reliable());
        KvRaftLab lab = new KvRaftLab(sim, new SimLabEnv(sim), factory, test.servers(), test.maxRaftState(), variant);
        return KvRuns.run(test.name(), seed, sim, () -> test.body().accept(lab), lab.tester().history());
    }
}
