package io.faultline.mapreduce.core;

import io.faultline.core.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coordinator's brain, with no I/O, threads or clock of its own: the driver passes the time in
 * every call, so tests run it on a fake clock. All map tasks finish before any reduce task is handed
 * out. A task handed out and not reported within {@code taskTimeoutMs} goes to the next worker that
 * asks; a report for a task already done is ignored; a report from an earlier attempt of a running
 * task is accepted (its output was renamed into place before the report, so it is complete).
 *
 * <p>Not thread-safe: the driver calls it from one context at a time.
 */
public final class Scheduler {
    /** Workers whose current task is remembered (to resend a lost assignment); oldest forgotten first. */
    public static final int WORKERS_TRACKED_MAX = 10_000;
    private final SchedulerConfig config;
    private final Map<Long, Assignment> holding = new LinkedHashMap<>();
    private long resentCount;
    private final TaskTable maps;
    private final TaskTable reduces;
    private long reassignedCount;

    public Scheduler(SchedulerConfig config) {
        this.config = Check.notNull(config, "config");
        this.maps = new TaskTable(config.inputFiles().size());
        this.reduces = new TaskTable(config.reduceCount());
    }

    public SchedulerConfig config() {
        return config;
    }

    /**
     * The next thing for worker {@code workerId} to do, at time {@code nowMs}. A worker asks only
     * when it is idle, so if it still holds a task that nobody else has taken over, the reply that
     * carried it was lost: it gets the same task again, and the task's timeout restarts.
     */
    public Assignment assign(long workerId, long nowMs) {
        Assignment held = holding.remove(workerId);
        if (held != null && isCurrent(held)) {
            restart(held, nowMs);
            hold(workerId, held);
            resentCount++;
            return held;
        }
        Assignment a = next(nowMs);
        if (a instanceof Assignment.MapTask || a instanceof Assignment.ReduceTask) {
            hold(workerId, a);
        }
        return a;
    }

    private Assignment next(long nowMs) {
        if (!maps.allDone()) {
            int id = pick(maps, nowMs);
            if (id < 0) {
                return new Assignment.Wait(config.workerWaitMs());
            }
            return new Assignment.MapTask(id, maps.attempt(id), config.inputFiles().get(id), config.reduceCount());
        }
        if (!reduces.allDone()) {
            int id = pick(reduces, nowMs);
            if (id < 0) {
                return new Assignment.Wait(config.workerWaitMs());
            }
            return new Assignment.ReduceTask(id, reduces.attempt(id), maps.size());
        }
        return new Assignment.Exit();
    }

    /** True if {@code a} is not done and no later attempt of it has been handed out. */
    private boolean isCurrent(Assignment a) {
        if (a instanceof Assignment.MapTask m) {
            return !maps.isDone(m.taskId()) && maps.attempt(m.taskId()) == m.attempt();
        }
        Assignment.ReduceTask r = (Assignment.ReduceTask) a;
        return !reduces.isDone(r.taskId()) && reduces.attempt(r.taskId()) == r.attempt();
    }

    private void restart(Assignment a, long nowMs) {
        if (a instanceof Assignment.MapTask m) {
            maps.restartClock(m.taskId(), nowMs);
        } else {
            reduces.restartClock(((Assignment.ReduceTask) a).taskId(), nowMs);
        }
    }

    /** Remembers what a worker holds; the least recently served worker is forgotten past the maximum. */
    private void hold(long workerId, Assignment a) {
        holding.put(workerId, a);
        if (holding.size() > WORKERS_TRACKED_MAX) {
            holding.remove(holding.keySet().iterator().next());
        }
        Check.that(holding.size() <= WORKERS_TRACKED_MAX, "holding %s workers", holding.size());
    }

    /** How many times a lost assignment was handed again to the worker that had asked for it. */
    public long resentCount() {
        return resentCount;
    }

    /** The effect of a worker's report. */
    public enum Report {
        /** This report completed the task. */
        COMPLETED,
        /** The task was already done (a duplicate or late report); nothing changes. */
        ALREADY_DONE,
        /** The report names no task or attempt ever handed out; nothing changes. */
        INVALID
    }

    /**
     * A worker reports task {@code taskId} finished (its output renamed into place). Reports come
     * from the network, so a nonsensical one is answered {@link Report#INVALID}, never trusted.
     */
    public Report complete(TaskKind kind, int taskId, int attempt) {
        Check.notNull(kind, "kind");
        TaskTable table = kind == TaskKind.MAP ? maps : reduces;
        if (taskId < 0 || taskId >= table.size() || attempt < 1 || attempt > table.attempt(taskId)) {
            return Report.INVALID;
        }
        if (kind == TaskKind.REDUCE && !maps.allDone()) {
            return Report.INVALID;
        }
        return table.markDone(taskId) ? Report.COMPLETED : Report.ALREADY_DONE;
    }

    /** True once every reduce task is done: all output is final. */
    public boolean done() {
        return maps.allDone() && reduces.allDone();
    }

    /** True once every task of both phases has been handed out at least once (not necessarily done). */
    public boolean allAssigned() {
        return maps.allDone() && reduces.allStarted();
    }

    /** How many times a task was handed out again after its timeout. */
    public long reassignedCount() {
        return reassignedCount;
    }

    public int doneCount(TaskKind kind) {
        return (kind == TaskKind.MAP ? maps : reduces).doneCount();
    }

    /** Hands out the lowest-numbered task that is idle or overdue; -1 if all are running or done. */
    private int pick(TaskTable table, long nowMs) {
        int id = table.firstAvailable(nowMs, config.taskTimeoutMs());
        if (id < 0) {
            return -1;
        }
        if (table.attempt(id) > 0) {
            reassignedCount++;
        }
        table.start(id, nowMs);
        return id;
    }
}
