package io.faultline.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Validity;
import io.faultline.histories.History;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node that stopped on its own makes the run invalid even when its history is linearizable. */
class VerdictTest {
    private final Checker alwaysValid = new Checker() {
        @Override
        public String name() {
            return "register";
        }

        @Override
        public CheckResult check(History history, Budget budget) {
            return CheckResult.of("register", Validity.TRUE, "fine", null);
        }
    };

    @Test
    void withoutNodeFailuresTheWorkloadCheckerDecides() {
        assertSame(alwaysValid, Verdict.withNodeFailures(alwaysValid, List.of()));
    }

    @Test
    void aNodeFailureMakesAValidHistoryInvalid() {
        CheckResult r = Verdict.withNodeFailures(alwaysValid,
                        List.of("n3 exited with code 3; its log ends:\nfaultline node 2: fatal: leader overwrites committed index 7"))
                .check(History.of(), Budget.ofSeconds(1));
        assertEquals(Validity.FALSE, r.valid());
        assertEquals(2, r.children().size());
        assertEquals("node-crashes", r.children().get(1).checker());
        assertTrue(r.children().get(1).summary().contains("n3 exited with code 3"), r.children().get(1).summary());
    }
}
