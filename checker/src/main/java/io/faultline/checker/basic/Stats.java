package io.faultline.checker.basic;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Validity;
import io.faultline.histories.History;
import io.faultline.histories.OpType;
import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts ok/fail/info per {@code :f} (Jepsen's stats checker). Invalid when some {@code :f} was
 * attempted but never succeeded; unknown when there are no client ops.
 */
public final class Stats implements Checker {
    @Override
    public String name() {
        return "stats";
    }

    @Override
    public CheckResult check(History history, Budget budget) {
        Map<String, long[]> byF = new TreeMap<>();
        long[] all = new long[3];
        for (Operation op : history.operations()) {
            if (!op.invoke().isClient()) {
                continue;
            }
            long[] c = byF.computeIfAbsent(String.valueOf(op.f()), k -> new long[3]);
            int slot = op.outcome() == OpType.OK ? 0 : op.outcome() == OpType.FAIL ? 1 : 2;
            c[slot]++;
            all[slot]++;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ok", all[0]);
        d.put("fail", all[1]);
        d.put("info", all[2]);
        List<String> neverOk = new ArrayList<>();
        Map<String, Object> per = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : byF.entrySet()) {
            long[] c = e.getValue();
            per.put(e.getKey(), Map.of("ok", c[0], "fail", c[1], "info", c[2]));
            if (c[0] == 0) {
                neverOk.add(e.getKey());
            }
        }
        d.put("byF", per);
        d.put("neverOk", neverOk);
        Validity v = byF.isEmpty() ? Validity.UNKNOWN : neverOk.isEmpty() ? Validity.TRUE : Validity.FALSE;
        String summary = all[0] + " ok, " + all[1] + " fail, " + all[2] + " info"
                + (neverOk.isEmpty() ? "" : "; never ok: " + neverOk);
        return CheckResult.of(name(), v, summary, d);
    }
}
