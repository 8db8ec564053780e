package io.faultline.checker.basic;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Validity;
import io.faultline.histories.EdnWriter;
import io.faultline.histories.History;
import io.faultline.histories.OpType;
import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every ok {@code :generate} op must return a distinct value. */
public final class UniqueIds implements Checker {
    private static final int DUPLICATES_SHOWN_MAX = 10;

    @Override
    public String name() {
        return "unique-ids";
    }

    @Override
    public CheckResult check(History history, Budget budget) {
        Map<String, Integer> counts = new TreeMap<>();
        int attempted = 0;
        int acknowledged = 0;
        for (Operation op : history.operations()) {
            if (!"generate".equals(op.f())) {
                continue;
            }
            attempted++;
            if (op.outcome() == OpType.OK) {
                acknowledged++;
                counts.merge(EdnWriter.text(op.completion().value()), 1, Integer::sum);
            }
        }
        List<String> dups = new ArrayList<>();
        int dupCount = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > 1) {
                dupCount++;
                if (dups.size() < DUPLICATES_SHOWN_MAX) {
                    dups.add(e.getKey() + " x" + e.getValue());
                }
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("attempted", attempted);
        d.put("acknowledged", acknowledged);
        d.put("duplicatedCount", dupCount);
        d.put("duplicated", dups);
        Validity v = dupCount > 0 ? Validity.FALSE : Validity.TRUE;
        return CheckResult.of(name(), v, dupCount + " duplicated ids of " + acknowledged + " acknowledged", d);
    }
}
