package io.faultline.mapreduce.core;

import io.faultline.core.Check;
import java.util.List;

/**
 * The job and the scheduling limits. {@code taskTimeoutMs}: a task handed out that long ago and not
 * reported done is given to the next worker that asks (6.5840 uses 10 s; it must stay well above
 * the 5 s a jobcount map may take, so that nothing runs twice when nothing fails).
 */
public record SchedulerConfig(List<String> inputFiles, int reduceCount, long taskTimeoutMs, long workerWaitMs) {
    public static final int MAP_TASKS_MAX = 100_000;
    public static final int REDUCE_TASKS_MAX = 10_000;
    public static final long DEFAULT_TASK_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_WORKER_WAIT_MS = 250;

    public SchedulerConfig {
        Check.notNull(inputFiles, "inputFiles");
        inputFiles = List.copyOf(inputFiles);
        Check.that(!inputFiles.isEmpty(), "at least one input file is needed");
        Check.that(inputFiles.size() <= MAP_TASKS_MAX, "%s input files exceed %s", inputFiles.size(), MAP_TASKS_MAX);
        Check.inRange(reduceCount, 1, REDUCE_TASKS_MAX, "reduceCount");
        Check.inRange(taskTimeoutMs, 1, 3_600_000, "taskTimeoutMs");
        Check.inRange(workerWaitMs, 1, 60_000, "workerWaitMs");
    }

    public static SchedulerConfig of(List<String> inputFiles, int reduceCount) {
        return new SchedulerConfig(inputFiles, reduceCount, DEFAULT_TASK_TIMEOUT_MS, DEFAULT_WORKER_WAIT_MS);
    }
}
