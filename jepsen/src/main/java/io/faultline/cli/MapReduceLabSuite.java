package io.faultline.cli;

import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabSuite;
import io.faultline.labs.runner.LabTestInfo;
import io.faultline.labs.runner.RunOutcome;
import io.faultline.mapreduce.lab.MrLabSuite;
import java.util.ArrayList;
import java.util.List;

/**
 * The MapReduce lab suite (6.5840 lab 1, part "1") for {@code faultline lab mapreduce}: the seven
 * tests of {@code test-mr.sh}, owned by impl/mapreduce, run on real processes in real time.
 * Registered through {@code META-INF/services} (labs cannot depend on impl/mapreduce). The
 * seed fixes the generated input text only, so a replay reruns the same inputs, not the same
 * schedule; virtual time, trace hash and RPC count are reported as 0.
 */
public final class MapReduceLabSuite implements LabSuite {
    @Override
    public String name() {
        return "mapreduce";
    }

    @Override
    public List<LabTestInfo> tests() {
        List<LabTestInfo> out = new ArrayList<>();
        for (String t : MrLabSuite.testNames()) {
            out.add(new LabTestInfo(name(), t, "1"));
        }
        return out;
    }

    @Override
    public String checkOptions(LabOptions options) {
        return options.raftName() == null ? null : "the mapreduce suite runs no Raft: --raft does not apply";
    }

    @Override
    public RunOutcome run(String test, long seed, LabOptions options) {
        MrLabSuite.Result r = MrLabSuite.defaults().run(test, seed);
        return new RunOutcome(test, seed, r.passed(), r.message(), 0, 0, 0);
    }
}
