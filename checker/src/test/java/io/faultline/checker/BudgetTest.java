package io.faultline.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.checker.model.AppendKv;
import io.faultline.checker.model.CasRegister;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Budgets end the search with unknown and what was established; cancellation stops every worker. */
class BudgetTest {
    /**
     * {@code width} overlapping writes of distinct values, all completing, then a read of a value
     * nobody wrote: the search has to try every subset and order of the writes.
     */
    static List<Op> hardRegister(int width, Object key, long firstIndex, long firstProcess) {
        List<Op> ops = new ArrayList<>();
        Map<String, Object> extra = key == null ? null : Map.of("key", key);
        long i = firstIndex;
        for (int p = 0; p < width; p++) {
            String f = key == null ? "write" : "append";
            Object v = key == null ? (Object) (long) p : "v" + p + ";";
            ops.add(new Op(i++, -1, OpType.INVOKE, firstProcess + p, f, v, null, null, extra));
        }
        for (int p = 0; p < width; p++) {
            String f = key == null ? "write" : "append";
            Object v = key == null ? (Object) (long) p : "v" + p + ";";
            ops.add(new Op(i++, -1, OpType.OK, firstProcess + p, f, v, null, null, extra));
        }
        String rf = key == null ? "read" : "get";
        Object rv = key == null ? (Object) 999L : "never written";
        ops.add(new Op(i++, -1, OpType.INVOKE, firstProcess, rf, null, null, null, extra));
        ops.add(new Op(i, -1, OpType.OK, firstProcess, rf, rv, null, null, extra));
        return ops;
    }

    @Test
    void timeLimitGivesUnknownWithWhatWasEstablished() {
        List<Op> ops = new ArrayList<>();
        ops.add(Op.of(0, OpType.INVOKE, 100, "write", 5L));
        ops.add(Op.of(1, OpType.OK, 100, "write", 5L));
        for (Op op : hardRegister(40, null, 2, 0)) {
            ops.add(op);
        }
        long t0 = System.nanoTime();
        CheckResult r = new Linearizability(CasRegister.knossos(0L)).check(new History(ops), new Budget(300, 0));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Validity.UNKNOWN, r.valid(), r.toString());
        assertTrue(ms < 5_000, "took " + ms + " ms");
        assertTrue(r.summary().contains("time limit"), r.summary());
        assertTrue(((Number) r.details().get("longestLinearizablePrefixOps")).intValue() >= 1, r.details().toString());
    }

    @Test
    void memoryBudgetGivesUnknown() {
        CheckResult r = new Linearizability(CasRegister.knossos(0L)).check(new History(hardRegister(40, null, 0, 0)),
                new Budget(0, 1 << 20));
        assertEquals(Validity.UNKNOWN, r.valid());
        assertTrue(r.summary().contains("memory budget"), r.summary());
    }

    @Test
    void cancellationStopsEveryWorker() throws Exception {
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            ops.addAll(hardRegister(40, "k" + k, ops.size(), k * 100L));
        }
        History h = new History(ops);
        Budget budget = new Budget(0, 0);
        AtomicReference<CheckResult> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(new Linearizability(new AppendKv(), 2).check(h, budget)));
        t.start();
        Thread.sleep(300);
        assertTrue(workers() > 0, "expected worker threads while checking");
        budget.cancel();
        t.join(5_000);
        assertTrue(!t.isAlive(), "check did not return after cancel");
        assertEquals(Validity.UNKNOWN, result.get().valid());
        assertTrue(result.get().summary().contains("cancelled"), result.get().summary());
        assertEquals(0, workers(), "worker threads still alive after the check returned");
    }

    @Test
    void keysFullyCheckedAreReported() {
        List<Op> ops = new ArrayList<>();
        ops.addAll(hardRegister(40, "hard", 0, 0));
        long base = ops.size();
        Map<String, Object> easy = Map.of("key", "easy");
        ops.add(new Op(base, -1, OpType.INVOKE, 500L, "append", "a", null, null, easy));
        ops.add(new Op(base + 1, -1, OpType.OK, 500L, "append", "a", null, null, easy));
        CheckResult r = new Linearizability(new AppendKv()).check(new History(ops), new Budget(300, 0));
        assertEquals(Validity.UNKNOWN, r.valid());
        assertEquals(List.of("easy"), r.details().get("keysChecked"));
        assertEquals(List.of("hard"), r.details().get("keysUnknown"));
    }

    private static int workers() {
        int n = 0;
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().equals("faultline-checker-worker") && th.isAlive()) {
                n++;
            }
        }
        return n;
    }
}
