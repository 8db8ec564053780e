package io.faultline.mapreduce.core;

import io.faultline.core.Check;

/** What the coordinator tells a worker that asks for work. */
public sealed interface Assignment {
    /** Run map task {@code taskId} over {@code fileName}, partitioning into {@code reduceCount} files. */
    record MapTask(int taskId, int attempt, String fileName, int reduceCount) implements Assignment {
        public MapTask {
            Check.that(taskId >= 0, "taskId %s < 0", taskId);
            Check.that(reduceCount > 0, "reduceCount %s <= 0", reduceCount);
            Check.notNull(fileName, "fileName");
        }
    }

    /** Run reduce task {@code taskId} over the intermediate files of {@code mapCount} map tasks. */
    record ReduceTask(int taskId, int attempt, int mapCount) implements Assignment {
        public ReduceTask {
            Check.that(taskId >= 0, "taskId %s < 0", taskId);
            Check.that(mapCount > 0, "mapCount %s <= 0", mapCount);
        }
    }

    /** Nothing to hand out right now (tasks are running elsewhere); ask again after {@code waitMs}. */
    record Wait(long waitMs) implements Assignment {
        public Wait {
            Check.that(waitMs > 0, "waitMs %s <= 0", waitMs);
        }
    }

    /** The job is done: exit. */
    record Exit() implements Assignment {}
}
