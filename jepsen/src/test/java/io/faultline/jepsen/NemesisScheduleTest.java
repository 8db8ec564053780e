package io.faultline.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import io.faultline.faults.NemesisPackage;
import io.faultline.faults.NemesisPackages;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Step;
import io.faultline.harness.gen.ThreadTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NemesisScheduleTest {
    static final long S = 1_000_000_000L;

    /** Asks the schedule every 100 ms for {@code seconds}; returns "t f" for each op it emits. */
    static List<String> drive(List<NemesisPackage> packages, long intervalNs, int seconds, long seed) {
        ThreadTable ctx = new ThreadTable(2, new Rng(seed));
        Generator g = new NemesisSchedule(packages, intervalNs);
        List<String> out = new ArrayList<>();
        for (long t = 0; t <= seconds * S; t += S / 10) {
            ctx.setNow(t);
            Step s = g.op(ctx);
            g = s.next();
            if (!s.isPending()) {
                assertEquals(t, s.op().timeNs(), "never an op in the future");
                out.add(s.op().timeNs() / (S / 10) + " " + s.op().f());
            }
        }
        return out;
    }

    @Test
    void oneFaultAtATimeEveryPackageOncePerRound() {
        List<NemesisPackage> all = NemesisPackages.packages("all", 5);
        List<String> ops = drive(all, 5 * S, 60, 3);
        assertEquals(12, ops.size(), ops.toString());
        assertTrue(ops.get(0).startsWith("50 "), "the first fault one interval after the start: " + ops);
        Set<String> starts = new TreeSet<>();
        for (int i = 0; i < ops.size(); i++) {
            String f = ops.get(i).split(" ")[1];
            if (i % 2 == 0) {
                starts.add(f);
            } else {
                assertTrue(Set.of("stop-partition", "start", "resume", "reset-clock", "stop-loss", "stop-delay").contains(f),
                        "every other op ends the fault: " + ops);
            }
        }
        assertEquals(6, starts.size(), "six packages, six different faults in 60 s: " + starts);
    }

    @Test
    void theOrderIsAFunctionOfTheSeed() {
        List<NemesisPackage> all = NemesisPackages.packages("all", 5);
        assertEquals(drive(all, 2 * S, 40, 9), drive(all, 2 * S, 40, 9));
        assertTrue(!drive(all, 2 * S, 40, 9).equals(drive(all, 2 * S, 40, 10)) || !drive(all, 2 * S, 40, 9).equals(drive(all, 2 * S, 40, 11)),
                "different seeds give different schedules");
    }
}
