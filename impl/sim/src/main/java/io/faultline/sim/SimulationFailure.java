package io.faultline.sim;

/**
 * A simulation run failed: a task threw, a node callback threw, {@link Simulation#fail} was called,
 * the virtual-time limit or the wall-clock watchdog was hit. The message names the seed, the
 * virtual time and the task or node, so the run can be replayed.
 */
public final class SimulationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long seed;
    private final long atNanos;

    public SimulationFailure(String message, long seed, long atNanos, Throwable cause) {
        super(message, cause);
        this.seed = seed;
        this.atNanos = atNanos;
    }

    /** The seed of the failed run. */
    public long seed() {
        return seed;
    }

    /** Virtual time of the failure. */
    public long atNanos() {
        return atNanos;
    }
}
