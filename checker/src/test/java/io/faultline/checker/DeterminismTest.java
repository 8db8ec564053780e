package io.faultline.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.checker.model.AppendKv;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which partition is reported does not depend on threads or timing. */
class DeterminismTest {
    @Test
    void reportedPartitionIsTheSameForAnyThreadCount() {
        List<Op> ops = new ArrayList<>();
        // key "hard": expensive and invalid; keys "b" and "c": cheap and invalid; "ok": valid
        ops.addAll(BudgetTest.hardRegister(14, "hard", 0, 0));
        for (String k : List.of("ok", "b", "c")) {
            Map<String, Object> key = Map.of("key", k);
            long p = 1000 + ops.size();
            int i = ops.size();
            ops.add(new Op(i, -1, OpType.INVOKE, p, "append", "x", null, null, key));
            ops.add(new Op(i + 1, -1, OpType.OK, p, "append", "x", null, null, key));
            ops.add(new Op(i + 2, -1, OpType.INVOKE, p, "get", null, null, null, key));
            ops.add(new Op(i + 3, -1, OpType.OK, p, "get", k.equals("ok") ? "x" : "y", null, null, key));
        }
        History h = new History(ops);
        Object first = null;
        for (int rep = 0; rep < 20; rep++) {
            for (int threads : new int[] {1, 2, 4}) {
                CheckResult r = new Linearizability(new AppendKv(), threads).check(h, Budget.ofSeconds(30));
                assertEquals(Validity.FALSE, r.valid());
                Object got = List.of(r.counterexample().key(), r.details().get("keysInvalid"), r.details().get("keysChecked"));
                if (first == null) {
                    first = got;
                }
                assertEquals(first, got, "threads=" + threads + " rep=" + rep);
            }
        }
    }
}
