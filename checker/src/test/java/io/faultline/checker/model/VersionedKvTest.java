package io.faultline.checker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.checker.Budget;
import io.faultline.checker.Linearizability;
import io.faultline.checker.Validity;
import io.faultline.histories.History;
import io.faultline.histories.Keyword;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The versioned KV model judges a Get by its value and, when reported, its version. */
class VersionedKvTest {
    private final List<Op> ops = new ArrayList<>();

    private void op(OpType type, long process, String f, Object... kv) {
        Map<Keyword, Object> value = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            value.put(new Keyword((String) kv[i]), kv[i + 1]);
        }
        ops.add(Op.of(ops.size(), type, process, f, value));
    }

    private Validity check() {
        return new Linearizability(new VersionedKv()).check(History.of(ops.toArray(new Op[0])), Budget.ofSeconds(5)).valid();
    }

    /** Two puts of the same value, then a Get: only the version tells a stale read from a fresh one. */
    private Validity getAfterTwoPutsOfTheSameValueAnswers(Object... okFields) {
        op(OpType.INVOKE, 0, "put", "key", "k", "value", "x", "version", 0L);
        op(OpType.OK, 0, "put", "err", "OK");
        op(OpType.INVOKE, 0, "put", "key", "k", "value", "x", "version", 1L);
        op(OpType.OK, 0, "put", "err", "OK");
        op(OpType.INVOKE, 1, "get", "key", "k");
        op(OpType.OK, 1, "get", okFields);
        return check();
    }

    @Test
    void getWithTheCurrentVersionIsLinearizable() {
        assertEquals(Validity.TRUE, getAfterTwoPutsOfTheSameValueAnswers("value", "x", "version", 2L, "err", "OK"));
    }

    @Test
    void getWithAnOlderVersionOfTheSameValueIsAStaleRead() {
        assertEquals(Validity.FALSE, getAfterTwoPutsOfTheSameValueAnswers("value", "x", "version", 1L, "err", "OK"));
    }

    @Test
    void getWithoutAVersionIsJudgedByItsValueAlone() {
        assertEquals(Validity.TRUE, getAfterTwoPutsOfTheSameValueAnswers("value", "x", "err", "OK"));
    }
}
