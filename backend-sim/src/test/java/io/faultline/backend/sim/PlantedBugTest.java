package io.faultline.backend.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Linearizability;
import io.faultline.checker.Validity;
import io.faultline.checker.model.VersionedKv;
import io.faultline.histories.History;
import io.faultline.histories.OpType;
import org.junit.jupiter.api.Test;

/**
 * kvraft's planted bug-local-get (an isolated leader answers Get from its own state) is found
 * non-linearizable on the sim backend with leader-isolating partitions within a few seeds; the
 * correct kvraft passes the same seeds.
 */
class PlantedBugTest {
    static final long[] SEEDS = {1, 2, 3};

    static CheckResult check(String variant, long seed) throws Exception {
        SimBackendOptions o = SimBackendOptions.of("kvraft", 5, seed).withVariant(variant);
        try (SimBackend b = new SimBackend(o)) {
            MiniRun r = new MiniRun(b, 5, 10_000, 1_000, 2).run(true);
            assertTrue(r.count(OpType.OK) > 100, "seed " + seed + ": too few ok ops " + r.count(OpType.OK));
            CheckResult res = new Linearizability(new VersionedKv()).check(new History(r.ops), Budget.ofSeconds(20));
            System.out.printf("%s seed %d: %s ok=%d info=%d%n", variant, seed, res.valid(), r.count(OpType.OK),
                    r.count(OpType.INFO));
            return res;
        }
    }

    @Test
    void bugLocalGetIsFoundWithinAFewSeeds_correctKvraftIsValidOnThem() throws Exception {
        int caught = 0;
        for (long seed : SEEDS) {
            if (check("bug-local-get", seed).valid() == Validity.FALSE) {
                caught++;
            }
            assertEquals(Validity.TRUE, check("kvraft", seed).valid(), "correct kvraft on seed " + seed);
        }
        assertTrue(caught >= 1, "bug-local-get was caught on none of the seeds 1..3");
    }
}
