package io.faultline.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.checker.model.CasRegister;
import io.faultline.checker.model.Models;
import io.faultline.histories.History;
import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The checker agrees with the brute-force {@link Oracle} on thousands of random small histories. */
class PropertyTest {
    private static final int HISTORIES_PER_MODEL = 600;

    private static List<RandomHistories.Sim> sims() {
        return List.of(
                RandomHistories.casRegister(0L, false),
                RandomHistories.casRegister(null, false),
                RandomHistories.casRegister(null, true),
                RandomHistories.mutex(),
                RandomHistories.multiRegister(),
                RandomHistories.queue(true),
                RandomHistories.queue(false),
                RandomHistories.set(),
                RandomHistories.versionedKv(),
                RandomHistories.appendKv());
    }

    @Test
    void everyModelAgreesWithBruteForce() {
        int total = 0;
        List<String> mismatches = new ArrayList<>();
        for (RandomHistories.Sim sim : sims()) {
            Model model = Models.byName(sim.model());
            Random r = new Random(sim.model().hashCode());
            int valid = 0;
            int invalid = 0;
            int crashed = 0;
            for (int i = 0; i < HISTORIES_PER_MODEL; i++) {
                History h = RandomHistories.generate(sim, r, 8, sim.model().equals("etcd"));
                boolean expected = Oracle.linearizable(model, h);
                for (int threads : new int[] {1, 2}) {
                    Validity got = new Linearizability(model, threads).check(h, Budget.ofSeconds(10)).valid();
                    if (got != (expected ? Validity.TRUE : Validity.FALSE)) {
                        mismatches.add(sim.model() + " #" + i + " threads=" + threads + ": oracle " + expected + ", checker "
                                + got.label() + "\n" + h.ops());
                    }
                }
                if (expected) {
                    valid++;
                } else {
                    invalid++;
                }
                for (Operation op : h.operations()) {
                    if (op.crashed()) {
                        crashed++;
                        break;
                    }
                }
                total++;
            }
            System.out.println("property " + sim.model() + ": " + HISTORIES_PER_MODEL + " histories, " + valid + " valid, "
                    + invalid + " invalid, " + crashed + " with crashed ops");
            assertTrue(valid > HISTORIES_PER_MODEL / 20, sim.model() + ": too few valid histories to be meaningful: " + valid);
            assertTrue(invalid > HISTORIES_PER_MODEL / 20, sim.model() + ": too few invalid histories to be meaningful: " + invalid);
            assertTrue(crashed > HISTORIES_PER_MODEL / 20, sim.model() + ": too few histories with crashes: " + crashed);
        }
        System.out.println("property total: " + total + " histories, " + mismatches.size() + " mismatches");
        assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())));
    }

    /**
     * A broken model that wrongly declares writes read-only makes the search take illegal
     * shortcuts; the comparison with the oracle must catch it.
     */
    @Test
    void aBrokenVariantIsCaught() {
        Model honest = CasRegister.knossos(0L);
        Model broken = new Model() {
            public String name() {
                return "broken";
            }

            public Object init() {
                return honest.init();
            }

            public Call prepare(Operation op) {
                Call c = honest.prepare(op);
                return c != null && c.determinate() && "write".equals(op.f()) ? c.readOnly() : c;
            }

            public Object step(Object state, Call call) {
                return honest.step(state, call);
            }
        };
        Random r = new Random(7);
        int caught = 0;
        for (int i = 0; i < 2000 && caught == 0; i++) {
            History h = RandomHistories.generate(RandomHistories.casRegister(0L, false), r, 8, false);
            boolean expected = Oracle.linearizable(honest, h);
            Validity got = new Linearizability(broken).check(h, Budget.ofSeconds(10)).valid();
            if (got != (expected ? Validity.TRUE : Validity.FALSE)) {
                caught++;
            }
        }
        assertTrue(caught > 0, "the property comparison did not catch a deliberately broken search");
        assertFalse(caught == 0);
    }
}
