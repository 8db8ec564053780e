package io.faultline.labs.runner;

import java.util.List;

/**
 * A lab suite that {@code faultline lab} can run: raft now; kvsrv, rsm, kvraft and mapreduce
 * plug in the same way (add them to {@link LabSuites}).
 */
public interface LabSuite {
    /** The suite's name on the command line, e.g. {@code raft}. */
    String name();

    /** Its tests in their canonical order. */
    List<LabTestInfo> tests();

    /** Null when {@code options} suit this suite, else a message for the user (exit 2). */
    String checkOptions(LabOptions options);

    /** Runs one test once with one seed. Must be a pure function of (test, seed, options). */
    RunOutcome run(String test, long seed, LabOptions options);
}
