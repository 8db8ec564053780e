package io.faultline.labs.rsm;

import io.faultline.labs.LabTask;
import io.faultline.rsm.RsmErr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The 8 rsm tests of spec §6.3 (Go {@code kvraft1/rsm/rsm_test.go}). */
public final class RsmTests {
    /** One test: name, part, maxraftstate, body. */
    public record RsmTest(String name, String part, int maxRaftState, Consumer<RsmLab> body) {}

    public static final long SHUTDOWN_FINISH_MS = 11_000;

    private RsmTests() {}

    public static List<RsmTest> all() {
        return List.of(
                new RsmTest("TestBasic4A", "4A", -1, RsmTests::basic),
                new RsmTest("TestConcurrent4A", "4A", -1, RsmTests::concurrent),
                new RsmTest("TestLeaderFailure4A", "4A", -1, RsmTests::leaderFailure),
                new RsmTest("TestLeaderPartition4A", "4A", -1, RsmTests::leaderPartition),
                new RsmTest("TestRestartReplay4A", "4A", -1, RsmTests::restartReplay),
                new RsmTest("TestShutdown4A", "4A", -1, RsmTests::shutdown),
                new RsmTest("TestRestartSubmit4A", "4A", -1, RsmTests::restartSubmit),
                new RsmTest("TestSnapshot4C", "4C", 1000, RsmTests::snapshot));
    }

    public static RsmTest byName(String name) {
        for (RsmTest t : all()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    static void basic(RsmLab ts) {
        for (int i = 0; i < 10; i++) {
            CounterSm.IncRep r = ts.oneInc();
            if (r.n() != i + 1) {
                throw ts.fail("expected " + (i + 1) + " instead of " + r.n());
            }
            ts.checkCounter(r.n(), RsmLab.NSRV);
        }
    }

    static void concurrent(RsmLab ts) {
        List<LabTask> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(ts.env().spawn("inc-" + i, ts::oneInc));
        }
        for (LabTask t : tasks) {
            t.join();
        }
        ts.checkCounter(50, RsmLab.NSRV);
    }

    static void leaderFailure(RsmLab ts) {
        CounterSm.IncRep r = ts.oneInc();
        ts.checkCounter(r.n(), RsmLab.NSRV);
        int l = ts.awaitLeader();
        ts.group().disconnectAll(l);
        r = ts.oneInc();
        ts.checkCounter(r.n(), RsmLab.NSRV - 1);
        ts.group().connectOne(l);
        ts.checkCounter(r.n(), RsmLab.NSRV);
    }

    static void leaderPartition(RsmLab ts) {
        CounterSm.IncRep r = ts.oneInc();
        ts.checkCounter(r.n(), RsmLab.NSRV);
        int l = ts.awaitLeader();
        int[][] parts = ts.group().makePartition(l);
        ts.group().partition(parts[0], parts[1]);
        RsmLab.Server old = ts.group().node(l);
        int nDec = 100;
        int[] finished = {0};
        List<LabTask> decs = new ArrayList<>();
        for (int i = 0; i < nDec; i++) {
            decs.add(ts.env().spawn("dec-" + i, () -> {
                RsmLab.Result res = ts.submit(old, CounterSm.DEC);
                if (res.err() == RsmErr.OK) {
                    throw ts.fail("Dec submitted in the minority returned OK");
                }
                finished[0]++;
            }));
        }
        ts.env().sleepMs(10);
        CounterSm.IncRep rep = ts.incIn(parts[0]);
        ts.env().sleepMs(1000);
        if (finished[0] > 0) {
            throw ts.fail("Dec's in minority completed: " + finished[0] + " of " + nDec
                    + " Submits on the partitioned leader returned within 1 s");
        }
        ts.group().connectAll();
        long t0 = ts.env().nowMs();
        while (finished[0] < nDec && ts.env().nowMs() - t0 < 1000) {
            ts.env().sleepMs(10);
        }
        if (finished[0] < nDec) {
            throw ts.fail("Submit didn't return after the leader rejoined: " + (nDec - finished[0]) + " of " + nDec
                    + " still blocked 1 s after the heal");
        }
        for (LabTask t : decs) {
            t.join();
        }
        ts.checkCounter(rep.n(), RsmLab.NSRV);
    }

    private static void incs(RsmLab ts, int n, long base) {
        for (int i = 0; i < n; i++) {
            CounterSm.IncRep r = ts.oneInc();
            if (r.n() != base + i + 1) {
                throw ts.fail("expected " + (base + i + 1) + " instead of " + r.n());
            }
        }
    }

    private static void restartAfter(RsmLab ts) {
        ts.shutdownAll();
        ts.env().sleepMs(1000);
        ts.startAll();
    }

    static void restartReplay(RsmLab ts) {
        incs(ts, 100, 0);
        restartAfter(ts);
        CounterSm.IncRep r = ts.oneInc();
        if (r.n() != 101) {
            throw ts.fail("expected 101 after the replay, got " + r.n());
        }
        ts.env().sleepMs(1000);
        ts.checkCounter(101, RsmLab.NSRV);
    }

    /** 100 concurrent Nulls, shut everything down after 20 ms; all must finish within 11 s. */
    private static void nullsThenShutdown(RsmLab ts) {
        List<LabTask> tasks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tasks.add(ts.env().spawn("null-" + i, ts::oneNull));
        }
        ts.env().sleepMs(20);
        ts.shutdownAll();
        long t0 = ts.env().nowMs();
        while (ts.env().nowMs() - t0 < SHUTDOWN_FINISH_MS && !allDone(tasks)) {
            ts.env().sleepMs(10);
        }
        if (!allDone(tasks)) {
            throw ts.fail("Submit didn't stop after shutdown: Nulls still running after " + SHUTDOWN_FINISH_MS + " ms");
        }
    }

    private static boolean allDone(List<LabTask> tasks) {
        for (LabTask t : tasks) {
            if (!t.isDone()) {
                return false;
            }
        }
        return true;
    }

    static void shutdown(RsmLab ts) {
        nullsThenShutdown(ts);
    }

    static void restartSubmit(RsmLab ts) {
        incs(ts, 100, 0);
        restartAfter(ts);
        CounterSm.IncRep r = ts.oneInc();
        if (r.n() != 101) {
            throw ts.fail("expected 101 after the restart, got " + r.n());
        }
        ts.env().sleepMs(1000);
        nullsThenShutdown(ts);
        ts.startAll();
        r = ts.oneInc();
        if (r.n() != 102) {
            throw ts.fail("expected 102, got " + r.n() + " (an old result mistaken for a new one?)");
        }
        ts.checkCounter(r.n(), RsmLab.NSRV);
    }

    static void snapshot(RsmLab ts) {
        incs(ts, 100, 0);
        ts.checkCounter(100, RsmLab.NSRV);
        long size = ts.logSizeBytes();
        if (size > 2L * 1000) {
            throw ts.fail("logs were not trimmed: " + size + " > 2*1000 bytes");
        }
        restartAfter(ts);
        ts.oneInc();
        ts.checkCounter(101, RsmLab.NSRV);
    }
}
