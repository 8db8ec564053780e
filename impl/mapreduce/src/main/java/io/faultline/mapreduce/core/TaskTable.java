package io.faultline.mapreduce.core;

import io.faultline.core.Check;

/** The state of one phase's tasks: never started, running since some time, or done. */
final class TaskTable {
    private static final long NOT_RUNNING = Long.MIN_VALUE;
    private final int[] attempts;
    private final long[] startedMs;
    private final boolean[] done;
    private int doneCount;

    TaskTable(int size) {
        Check.that(size > 0, "task count %s <= 0", size);
        attempts = new int[size];
        startedMs = new long[size];
        done = new boolean[size];
        java.util.Arrays.fill(startedMs, NOT_RUNNING);
    }

    int size() {
        return attempts.length;
    }

    int attempt(int id) {
        return attempts[id];
    }

    boolean allDone() {
        return doneCount == attempts.length;
    }

    boolean allStarted() {
        for (int a : attempts) {
            if (a == 0) {
                return false;
            }
        }
        return true;
    }

    int doneCount() {
        return doneCount;
    }

    /** The first task that was never started or whose current attempt is overdue; -1 if none. */
    int firstAvailable(long nowMs, long timeoutMs) {
        for (int i = 0; i < attempts.length; i++) {
            if (done[i]) {
                continue;
            }
            if (startedMs[i] == NOT_RUNNING || nowMs - startedMs[i] >= timeoutMs) {
                return i;
            }
        }
        return -1;
    }

    void start(int id, long nowMs) {
        Check.that(!done[id], "task %s is already done", id);
        attempts[id]++;
        startedMs[id] = nowMs;
    }

    boolean isDone(int id) {
        return done[id];
    }

    /** The current attempt is (re)started at {@code nowMs}: its timeout counts from now. */
    void restartClock(int id, long nowMs) {
        Check.that(!done[id], "task %s is already done", id);
        Check.that(attempts[id] > 0, "task %s was never started", id);
        startedMs[id] = nowMs;
    }

    boolean markDone(int id) {
        if (done[id]) {
            return false;
        }
        done[id] = true;
        doneCount++;
        Check.that(doneCount <= attempts.length, "doneCount %s > %s", doneCount, attempts.length);
        return true;
    }
}
