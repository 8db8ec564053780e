package io.faultline.backend.sim;

import io.faultline.core.Check;
import io.faultline.core.Rng;

/**
 * The state of the links between the simulated nodes that the fault backend controls: which
 * directed links are cut (from a grudge), and per-node loss and delay on the links into a node.
 * One instance per backend, read by every node incarnation's {@link ShapedRuntime} and by the
 * clerks. Single-threaded (the simulation runs one thread at a time); its random source is
 * seeded, so drops are a function of the seed.
 */
final class Links {
    /** labrpc fails a call on a disabled end after U[0, 100) ms; cut links do the same. */
    static final long CUT_FAILURE_NANOS_MAX = 100_000_000L;

    private final int n;
    /** cut[to][from]: messages from {@code from} to {@code to} are dropped. */
    private final boolean[][] cut;
    private final double[] lossProbability;
    private final long[] delayNanos;
    private final Rng rng;

    Links(int n, Rng rng) {
        this.n = n;
        this.cut = new boolean[n][n];
        this.lossProbability = new double[n];
        this.delayNanos = new long[n];
        this.rng = Check.notNull(rng, "rng");
    }

    int size() {
        return n;
    }

    /** Heals every cut. */
    void healAll() {
        for (boolean[] row : cut) {
            java.util.Arrays.fill(row, false);
        }
    }

    /** Node {@code to} no longer hears from node {@code from}. */
    void cut(int to, int from) {
        Check.that(to != from, "node %s cannot drop from itself", to);
        cut[to][from] = true;
    }

    boolean isCut(int from, int to) {
        return cut[to][from];
    }

    void setLoss(int to, double probability) {
        Check.that(probability >= 0 && probability <= 1, "loss probability %s not in [0, 1]", probability);
        lossProbability[to] = probability;
    }

    double loss(int to) {
        return lossProbability[to];
    }

    void setDelayNanos(int to, long nanos) {
        Check.that(nanos >= 0, "negative delay %s ns", nanos);
        delayNanos[to] = nanos;
    }

    long delayNanos(int to) {
        return delayNanos[to];
    }

    /** Whether a message from {@code from} (-1: a client) into {@code to} is lost: a cut link, or the loss draw. */
    boolean drops(int from, int to) {
        if (from >= 0 && cut[to][from]) {
            return true;
        }
        double p = lossProbability[to];
        return p > 0 && rng.nextDouble() < p;
    }

    /** When a dropped call reports failure, as labrpc does for a disabled end. */
    long failureDelayNanos() {
        return rng.nextLong(CUT_FAILURE_NANOS_MAX);
    }
}
