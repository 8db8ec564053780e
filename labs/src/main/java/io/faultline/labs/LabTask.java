package io.faultline.labs;

/** A task started with {@link LabEnv#spawn}. */
public interface LabTask {
    /** True once the body returned or threw. */
    boolean isDone();

    /** Blocks the calling task until this one is done; rethrows its failure. */
    void join();
}
