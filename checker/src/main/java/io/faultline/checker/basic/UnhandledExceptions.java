package io.faultline.checker.basic;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Validity;
import io.faultline.histories.EdnWriter;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists info completions that carry an {@code :exception} field (an exception the client did not
 * handle), grouped by exception text with a count and the first op. Informational, like Jepsen's:
 * always valid, so it never hides another checker's verdict.
 */
public final class UnhandledExceptions implements Checker {
    @Override
    public String name() {
        return "exceptions";
    }

    @Override
    public CheckResult check(History history, Budget budget) {
        Map<String, Object[]> groups = new TreeMap<>();
        for (Op op : history.ops()) {
            Object ex = op.get("exception");
            if (op.type() == OpType.INFO && ex != null) {
                String k = EdnWriter.text(ex);
                Object[] g = groups.computeIfAbsent(k, x -> new Object[] {0L, op.index()});
                g[0] = (Long) g[0] + 1;
            }
        }
        List<Object> list = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Object[]> e : groups.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("exception", e.getKey());
            m.put("count", e.getValue()[0]);
            m.put("firstOpIndex", e.getValue()[1]);
            list.add(m);
            total += (Long) e.getValue()[0];
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("exceptions", list);
        return CheckResult.of(name(), Validity.TRUE, total + " unhandled exceptions in " + groups.size() + " kinds", d);
    }
}
