package io.faultline.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.checker.model.CasRegister;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import org.junit.jupiter.api.Test;

class CounterexampleTest {
    /** write 1 completes, then a read returns 2 while a write of 3 is concurrent with it. */
    private static History stale() {
        return History.of(
                Op.of(0, OpType.INVOKE, 0, "write", 1L),
                Op.of(1, OpType.OK, 0, "write", 1L),
                Op.of(2, OpType.INVOKE, 1, "write", 3L),
                Op.of(3, OpType.INVOKE, 2, "read", null),
                Op.of(4, OpType.OK, 2, "read", 2L),
                Op.of(5, OpType.OK, 1, "write", 3L));
    }

    @Test
    void pointsAtTheOpThatCannotBeLinearized() {
        CheckResult r = new Linearizability(CasRegister.knossos(0L)).check(stale(), Budget.ofSeconds(5));
        assertEquals(Validity.FALSE, r.valid());
        Counterexample cx = r.counterexample();
        assertNotNull(cx);
        assertEquals(3, cx.failing().invokePos());
        assertEquals(1, cx.concurrent().size());
        assertEquals(2, cx.concurrent().get(0).invokePos());
        assertTrue(cx.statesBefore().contains("1"), cx.statesBefore().toString());
        assertTrue(cx.statesBefore().contains("3"), cx.statesBefore().toString());
        String text = cx.toText();
        assertTrue(text.contains("cannot linearize: [3] process 2 read"), text);
    }

    @Test
    void htmlIsSelfContained() {
        Counterexample cx = new Linearizability(CasRegister.knossos(0L)).check(stale(), Budget.ofSeconds(5)).counterexample();
        String html = HtmlRenderer.render(cx, "stale read");
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("class=\"op bad\""), "illegal op highlighted");
        assertTrue(html.contains("class=\"point\""), "linearization points drawn");
        assertTrue(html.contains("states reachable before it: "), "states on hover");
        assertTrue(html.contains("process 2"), "one lane per process");
        String withoutNs = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutNs.contains("http://") || withoutNs.contains("https://") || withoutNs.contains("<script src"),
                "no external resources");
    }

    @Test
    void validHistoriesHaveNoCounterexample() {
        History h = History.of(
                Op.of(0, OpType.INVOKE, 0, "write", 1L),
                Op.of(1, OpType.INVOKE, 1, "read", null),
                Op.of(2, OpType.OK, 1, "read", 1L),
                Op.of(3, OpType.OK, 0, "write", 1L));
        CheckResult r = new Linearizability(CasRegister.knossos(0L)).check(h, Budget.ofSeconds(5));
        assertEquals(Validity.TRUE, r.valid());
        assertNull(r.counterexample());
    }
}
