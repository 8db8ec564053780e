package io.faultline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run is a pure function of (seed, options, code). */
class DeterminismTest {
    @Test
    void sameSeedSameTrace() {
        Workload.Result a = Workload.run(42, 5, 10, true);
        Workload.Result b = Workload.run(42, 5, 10, true);
        assertTrue(a.events() > 10_000, "workload too small: " + a.events());
        assertEquals(a, b);
    }

    @Test
    void differentSeedDifferentTrace() {
        Set<Long> hashes = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            hashes.add(Workload.run(seed, 5, 3, true).traceHash());
        }
        assertEquals(5, hashes.size(), "five seeds must give five different traces");
    }

    @Test
    void traceCoversMessageBytes() {
        // same schedule, one different payload byte: the trace must differ
        long h1 = echo("abc");
        long h2 = echo("abd");
        assertNotEquals(h1, h2);
        assertEquals(h1, echo("abc"));
    }

    private static long echo(String msg) {
        Simulation sim = new Simulation(7);
        sim.network().addServer("s").serve("Svc.Echo", (f, r, x) -> x.reply(r));
        End e = sim.network().makeEnd("s");
        e.enable(true);
        sim.run(() -> e.call("Svc.Echo", Junk.str(msg)));
        return sim.traceHash();
    }
}
