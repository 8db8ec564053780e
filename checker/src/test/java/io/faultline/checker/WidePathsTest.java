package io.faultline.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.checker.model.CasRegister;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configurations whose bitmaps do not fit one 64-bit word take the wide cache path correctly. */
class WidePathsTest {
    private static Validity check(List<Op> ops) {
        return new Linearizability(CasRegister.knossos(0L)).check(new History(ops), Budget.ofSeconds(30)).valid();
    }

    /** 70 writes that never complete, then sequential reads. */
    private static List<Op> manyCrashed(long... reads) {
        List<Op> ops = new ArrayList<>();
        for (int p = 0; p < 70; p++) {
            ops.add(Op.of(ops.size(), OpType.INVOKE, p, "write", (long) p));
        }
        for (long v : reads) {
            ops.add(Op.of(ops.size(), OpType.INVOKE, 500, "read", null));
            ops.add(Op.of(ops.size(), OpType.OK, 500, "read", v));
        }
        return ops;
    }

    @Test
    void moreThan64CrashedOps() {
        assertEquals(Validity.TRUE, check(manyCrashed(5, 7, 66, 9)));
        // 5 is written by one crashed op only: it cannot be read again after 7
        assertEquals(Validity.FALSE, check(manyCrashed(5, 7, 5)));
    }

    /** A long write spans 70 sequential ops of another process; then a final read. */
    private static List<Op> longWindow(long finalRead) {
        List<Op> ops = new ArrayList<>();
        ops.add(Op.of(0, OpType.INVOKE, 0, "write", 1000L));
        for (long v = 1; v <= 35; v++) {
            ops.add(Op.of(ops.size(), OpType.INVOKE, 1, "write", v));
            ops.add(Op.of(ops.size(), OpType.OK, 1, "write", v));
            ops.add(Op.of(ops.size(), OpType.INVOKE, 1, "read", null));
            ops.add(Op.of(ops.size(), OpType.OK, 1, "read", v));
        }
        ops.add(Op.of(ops.size(), OpType.OK, 0, "write", 1000L));
        ops.add(Op.of(ops.size(), OpType.INVOKE, 1, "read", null));
        ops.add(Op.of(ops.size(), OpType.OK, 1, "read", finalRead));
        return ops;
    }

    @Test
    void windowWiderThan64Ops() {
        assertEquals(Validity.TRUE, check(longWindow(1000)));
        assertEquals(Validity.FALSE, check(longWindow(7)));
    }
}
