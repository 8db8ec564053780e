package io.faultline.core;

/**
 * A seeded, deterministic random source (SplitMix64). The sequence is a pure function of the
 * seed and is the same on every JVM, so a simulator run can be replayed from its seed.
 *
 * <p>Not thread-safe: give each node or task its own instance via {@link #fork(String)}.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        Check.that(bound > 0, "bound must be positive, was %s", bound);
        return (int) nextLong(bound);
    }

    /** Uniform in [0, bound). */
    public long nextLong(long bound) {
        Check.that(bound > 0, "bound must be positive, was %s", bound);
        // Rejection sampling to avoid modulo bias.
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
        while (true) {
            long r = nextLong() >>> 1;
            if (r < limit) {
                return r % bound;
            }
        }
    }

    /** Uniform in [min, max] inclusive. */
    public long between(long min, long max) {
        Check.that(min <= max, "min %s > max %s", min, max);
        return min + nextLong(max - min + 1);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with the given probability. */
    public boolean chance(double probability) {
        return nextDouble() < probability;
    }

    public boolean nextBoolean() {
        return (nextLong() & 1) != 0;
    }

    public void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i += 8) {
            long r = nextLong();
            for (int j = 0; j < 8 && i + j < out.length; j++) {
                out[i + j] = (byte) (r >>> (8 * j));
            }
        }
    }

    /**
     * A new independent generator whose seed depends on this generator's seed stream and the
     * label, so adding a fork for one component does not shift another's sequence.
     */
    public Rng fork(String label) {
        long h = nextLong();
        for (int i = 0; i < label.length(); i++) {
            h = mix64(h ^ label.charAt(i));
        }
        return new Rng(h);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
