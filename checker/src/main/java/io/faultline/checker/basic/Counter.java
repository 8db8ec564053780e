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

/**
 * A counter starting at 0 with {@code :add n} and {@code :read}. Each ok read must lie between the
 * sum of adds that completed ok before the read began (lower bound) and the sum of adds that may
 * have happened by the time the read completed: ok or crashed adds invoked before it (upper).
 * Failed adds did not happen. Assumes non-negative increments, as Jepsen's counter checker does.
 */
public final class Counter implements Checker {
    private static final int ERRORS_SHOWN_MAX = 10;

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public CheckResult check(History history, Budget budget) {
        List<Operation> adds = new ArrayList<>();
        List<Operation> reads = new ArrayList<>();
        for (Operation op : history.operations()) {
            if ("add".equals(op.f()) && op.outcome() != OpType.FAIL) {
                adds.add(op);
            } else if ("read".equals(op.f()) && op.outcome() == OpType.OK) {
                reads.add(op);
            }
        }
        List<String> errors = new ArrayList<>();
        int bad = 0;
        for (Operation r : reads) {
            long lower = 0;
            long upper = 0;
            for (Operation a : adds) {
                long n = ((Number) a.invoke().value()).longValue();
                if (a.outcome() == OpType.OK && a.completionPos() < r.invokePos()) {
                    lower += n;
                }
                if (a.invokePos() < r.completionPos()) {
                    upper += n;
                }
            }
            Object v = r.completion().value();
            long got = v instanceof Number ? ((Number) v).longValue() : Long.MIN_VALUE;
            if (got < lower || got > upper) {
                bad++;
                if (errors.size() < ERRORS_SHOWN_MAX) {
                    errors.add("read at " + r.invokePos() + " returned " + v + ", expected within [" + lower + ", " + upper + "]");
                }
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reads", reads.size());
        d.put("errors", errors);
        Validity v = bad > 0 ? Validity.FALSE : (reads.isEmpty() ? Validity.UNKNOWN : Validity.TRUE);
        String summary = bad > 0 ? bad + " of " + reads.size() + " reads out of bounds"
                : reads.isEmpty() ? "no ok reads" : "all " + reads.size() + " reads within bounds";
        return CheckResult.of(name(), v, summary, d);
    }
}
