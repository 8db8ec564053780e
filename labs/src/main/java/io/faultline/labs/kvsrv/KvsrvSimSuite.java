package io.faultline.labs.kvsrv;

import io.faultline.kvsrv.Clerk;
import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabSuite;
import io.faultline.labs.runner.LabTestInfo;
import io.faultline.labs.runner.RunOutcome;
import io.faultline.labs.sim.SimLabEnv;
import io.faultline.sim.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab-2 suite ({@code kvsrv}: 4 kvsrv + 4 lock tests) on the simulator. A planted-bug clerk is
 * a suite of its own, named {@code kvsrv:<bug>}, so the runner's replay lines select it too.
 */
public final class KvsrvSimSuite implements LabSuite {
    private final Clerk.Variant variant;

    public KvsrvSimSuite() {
        this(Clerk.Variant.CORRECT);
    }

    public KvsrvSimSuite(Clerk.Variant variant) {
        this.variant = variant;
    }

    /** The correct suite, then one per planted bug. */
    public static List<LabSuite> all() {
        List<LabSuite> out = new ArrayList<>();
        for (Clerk.Variant v : Clerk.Variant.values()) {
            out.add(new KvsrvSimSuite(v));
        }
        return out;
    }

    @Override
    public String name() {
        return variant == Clerk.Variant.CORRECT ? "kvsrv" : "kvsrv:" + variant.label;
    }

    @Override
    public List<LabTestInfo> tests() {
        List<LabTestInfo> out = new ArrayList<>();
        for (KvsrvTests.KvsrvTest t : KvsrvTests.all()) {
            out.add(new LabTestInfo(name(), t.name(), t.part()));
        }
        return out;
    }

    @Override
    public String checkOptions(LabOptions options) {
        return null; // kvsrv uses no Raft; --raft does not apply and is ignored
    }

    @Override
    public RunOutcome run(String testName, long seed, LabOptions options) {
        KvsrvTests.KvsrvTest test = KvsrvTests.byName(testName);
        if (test == null) {
            throw new IllegalArgumentException("no kvsrv lab test " + testName);
        }
        return run(test, variant, seed);
    }

    public static RunOutcome run(KvsrvTests.KvsrvTest test, Clerk.Variant variant, long seed) {
        Simulation sim = KvRuns.newSimulation(seed);
        sim.network().setReliable(test.reliable());
        KvsrvLab lab = new KvsrvLab(sim, new SimLabEnv(sim), variant);
        return KvRuns.run(test.name(), seed, sim, () -> test.body().accept(lab), lab.tester().history());
    }
}
