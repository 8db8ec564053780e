package io.faultline.mapreduce.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduling core on a fake clock: time is whatever the test passes in. */
class SchedulerTest {
    private static final List<String> FILES = List.of("f0", "f1", "f2");
    /** A fresh worker id per call unless a test says otherwise: each call is a different worker. */
    private long nextWorker = 1000;

    private static Scheduler scheduler(int reduces) {
        return new Scheduler(new SchedulerConfig(FILES, reduces, 10_000, 250));
    }

    @Test
    void mapsThenWaitThenReducesThenExit() {
        Scheduler s = scheduler(2);
        for (int i = 0; i < 3; i++) {
            Assignment.MapTask m = assertInstanceOf(Assignment.MapTask.class, s.assign(nextWorker++, 0));
            assertEquals(i, m.taskId());
            assertEquals(FILES.get(i), m.fileName());
            assertEquals(2, m.reduceCount());
            assertEquals(1, m.attempt());
        }
        assertInstanceOf(Assignment.Wait.class, s.assign(nextWorker++, 100), "no reduce before every map is done");
        for (int i = 0; i < 3; i++) {
            assertEquals(Scheduler.Report.COMPLETED, s.complete(TaskKind.MAP, i, 1));
        }
        Assignment.ReduceTask r0 = assertInstanceOf(Assignment.ReduceTask.class, s.assign(nextWorker++, 200));
        assertEquals(3, r0.mapCount());
        Assignment.ReduceTask r1 = assertInstanceOf(Assignment.ReduceTask.class, s.assign(nextWorker++, 200));
        assertEquals(1, r1.taskId());
        assertInstanceOf(Assignment.Wait.class, s.assign(nextWorker++, 300));
        assertFalse(s.done());
        s.complete(TaskKind.REDUCE, 0, 1);
        s.complete(TaskKind.REDUCE, 1, 1);
        assertTrue(s.done());
        assertInstanceOf(Assignment.Exit.class, s.assign(nextWorker++, 400));
        assertEquals(0, s.reassignedCount());
    }

    @Test
    void taskIsReassignedAtItsTimeoutNotBefore() {
        Scheduler s = new Scheduler(new SchedulerConfig(List.of("only"), 1, 10_000, 250));
        assertInstanceOf(Assignment.MapTask.class, s.assign(nextWorker++, 1_000));
        assertInstanceOf(Assignment.Wait.class, s.assign(nextWorker++, 10_999), "9.999 s after hand-out: still running");
        Assignment.MapTask again = assertInstanceOf(Assignment.MapTask.class, s.assign(nextWorker++, 11_000));
        assertEquals(2, again.attempt());
        assertEquals(1, s.reassignedCount());
        assertInstanceOf(Assignment.Wait.class, s.assign(nextWorker++, 11_001), "the new attempt is running");
    }

    @Test
    void slowTasksWithinTheTimeoutRunExactlyOnce() {
        // jobcount: each map takes up to 5 s; with a 10 s timeout nothing may run twice.
        Scheduler s = scheduler(1);
        for (int i = 0; i < 3; i++) {
            s.assign(nextWorker++, 0);
        }
        for (long t = 0; t <= 5_000; t += 250) {
            assertInstanceOf(Assignment.Wait.class, s.assign(nextWorker++, t));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(Scheduler.Report.COMPLETED, s.complete(TaskKind.MAP, i, 1));
        }
        assertEquals(0, s.reassignedCount());
    }

    @Test
    void lateAndDuplicateReportsChangeNothing() {
        Scheduler s = new Scheduler(new SchedulerConfig(List.of("only"), 1, 10_000, 250));
        s.assign(nextWorker++, 0);
        s.assign(nextWorker++, 10_000);
        assertEquals(Scheduler.Report.COMPLETED, s.complete(TaskKind.MAP, 0, 1), "the stalled first attempt finished");
        assertEquals(Scheduler.Report.ALREADY_DONE, s.complete(TaskKind.MAP, 0, 2));
        assertEquals(1, s.doneCount(TaskKind.MAP));
    }

    @Test
    void nonsensicalReportsAreInvalid() {
        Scheduler s = scheduler(2);
        s.assign(nextWorker++, 0);
        assertEquals(Scheduler.Report.INVALID, s.complete(TaskKind.MAP, 7, 1), "no such task");
        assertEquals(Scheduler.Report.INVALID, s.complete(TaskKind.MAP, 1, 1), "never handed out");
        assertEquals(Scheduler.Report.INVALID, s.complete(TaskKind.MAP, 0, 2), "attempt not handed out");
        assertEquals(Scheduler.Report.INVALID, s.complete(TaskKind.MAP, -1, 1));
        assertEquals(Scheduler.Report.INVALID, s.complete(TaskKind.REDUCE, 0, 1), "reduce before the maps");
        assertEquals(0, s.doneCount(TaskKind.MAP));
    }

    /**
     * Workers that die or stall at random (as the crash app does), on a fake clock: the job always
     * finishes, and every task is completed exactly once.
     */
    @Test
    void finishesUnderRandomCrashesAndStalls() {
        for (long seed = 1; seed <= 200; seed++) {
            Rng rng = new Rng(seed);
            Scheduler s = new Scheduler(new SchedulerConfig(List.of("a", "b", "c", "d", "e", "f", "g", "h"), 10, 10_000, 250));
            record Running(Assignment task, long finishAtMs, boolean dies) {}
            List<Running> running = new ArrayList<>();
            int completions = 0;
            long now = 0;
            for (int step = 0; step < 100_000 && !s.done(); step++) {
                now += 100;
                for (int i = running.size() - 1; i >= 0; i--) {
                    Running r = running.get(i);
                    if (r.finishAtMs() <= now) {
                        running.remove(i);
                        if (!r.dies()) {
                            Scheduler.Report rep = report(s, r.task());
                            if (rep == Scheduler.Report.COMPLETED) {
                                completions++;
                            }
                        }
                    }
                }
                if (running.size() < 4) {
                    Assignment a = s.assign(nextWorker++, now);
                    if (a instanceof Assignment.MapTask || a instanceof Assignment.ReduceTask) {
                        int roll = rng.nextInt(1000);
                        long duration = roll < 660 && roll >= 330 ? rng.nextInt(10_000) : 200;
                        running.add(new Running(a, now + duration, roll < 330));
                    }
                }
            }
            assertTrue(s.done(), "seed " + seed + " did not finish");
            assertEquals(18, completions, "seed " + seed);
            assertInstanceOf(Assignment.Exit.class, s.assign(nextWorker++, now));
        }
    }

    @Test
    void aLostAssignmentIsResentToTheWorkerThatAskedAgain() {
        Scheduler s = scheduler(1);
        Assignment.MapTask first = assertInstanceOf(Assignment.MapTask.class, s.assign(7, 0));
        assertEquals(first, s.assign(7, 4_000), "worker 7 asks again while holding task 0: its reply was lost");
        assertEquals(1, s.resentCount());
        assertEquals(1, assertInstanceOf(Assignment.MapTask.class, s.assign(8, 5_000)).taskId(), "others get other tasks");
        s.complete(TaskKind.MAP, 0, 1);
        Assignment.MapTask next = assertInstanceOf(Assignment.MapTask.class, s.assign(7, 5_001));
        assertEquals(2, next.taskId(), "a finished task is not resent");
        assertEquals(1, s.resentCount());
    }

    @Test
    void aResentTaskRestartsItsTimeout() {
        Scheduler s = new Scheduler(new SchedulerConfig(List.of("only"), 1, 10_000, 250));
        s.assign(7, 0);
        s.assign(7, 9_000);
        assertInstanceOf(Assignment.Wait.class, s.assign(8, 18_999), "timeout counts from the resend");
        assertEquals(2, assertInstanceOf(Assignment.MapTask.class, s.assign(8, 19_000)).attempt());
        assertInstanceOf(Assignment.Wait.class, s.assign(7, 19_001), "worker 7's attempt was taken over: not resent");
    }

    private static Scheduler.Report report(Scheduler s, Assignment a) {
        if (a instanceof Assignment.MapTask m) {
            return s.complete(TaskKind.MAP, m.taskId(), m.attempt());
        }
        Assignment.ReduceTask r = (Assignment.ReduceTask) a;
        return s.complete(TaskKind.REDUCE, r.taskId(), r.attempt());
    }
}
