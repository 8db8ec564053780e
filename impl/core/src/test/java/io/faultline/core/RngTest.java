package io.faultline.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedGivesSameSequence() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void differentSeedsDiffer() {
        assertNotEquals(new Rng(1).nextLong(), new Rng(2).nextLong());
    }

    @Test
    void sequenceIsStableAcrossBuilds() {
        // SplitMix64 reference values for seed 0: pinned so a change of algorithm, which would
        // break replay of every recorded seed, cannot go unnoticed.
        Rng r = new Rng(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
    }

    @Test
    void boundedValuesStayInRangeAndCoverIt() {
        Rng r = new Rng(7);
        int[] counts = new int[10];
        for (int i = 0; i < 100_000; i++) {
            counts[r.nextInt(10)]++;
        }
        for (int c : counts) {
            assertTrue(c > 9_000 && c < 11_000, "bucket count " + c + " far from 10,000");
        }
        for (int i = 0; i < 10_000; i++) {
            long v = r.between(-3, 3);
            assertTrue(v >= -3 && v <= 3);
            double d = r.nextDouble();
            assertTrue(d >= 0 && d < 1);
        }
    }

    @Test
    void forksAreDeterministicAndIndependentOfLabelOrder() {
        Rng a = new Rng(9);
        Rng b = new Rng(9);
        assertEquals(a.fork("node-1").nextLong(), b.fork("node-1").nextLong());
        assertNotEquals(new Rng(9).fork("node-1").nextLong(), new Rng(9).fork("node-2").nextLong());
        byte[] x = new byte[13];
        byte[] y = new byte[13];
        new Rng(5).nextBytes(x);
        new Rng(5).nextBytes(y);
        assertArrayEquals(x, y);
    }

    @Test
    void badBoundIsRejected() {
        assertThrows(Check.CheckFailure.class, () -> new Rng(1).nextInt(0));
        assertThrows(Check.CheckFailure.class, () -> new Rng(1).between(5, 4));
    }
}
