package io.faultline.backend.sim;

import io.faultline.core.Check;
import io.faultline.harness.interp.Env;
import io.faultline.harness.interp.Mailbox;
import io.faultline.sim.Simulation;

/**
 * The interpreter's {@link Env} on a {@link Simulation}: workers are simulator tasks, time is
 * virtual time since the env was made (the test start), sleeps are virtual sleeps, and mailboxes
 * wait in virtual time. Exactly one thread runs at a time and every wake-up comes from the
 * simulator's event queue, so a run is a function of the seed.
 *
 * <p>Every method must be called from a task of {@code sim} ({@link #spawn} also from a node
 * callback or harness event, which never happens in the interpreter).
 */
public final class SimEnv implements Env {
    private final Simulation sim;
    private final long startNanos;
    private long spawned;

    /** An env whose time starts now (call from inside the simulation, normally its main task). */
    public SimEnv(Simulation sim) {
        this.sim = Check.notNull(sim, "sim");
        this.startNanos = sim.nowNanos();
    }

    public Simulation simulation() {
        return sim;
    }

    @Override
    public long nowNanos() {
        return sim.nowNanos() - startNanos;
    }

    /**
     * Starts {@code body} as a simulator task. An exception escaping {@code body} fails the whole
     * simulation (the interpreter's workers catch their own). Task names get a sequence number so
     * that two workers of the same name still get distinct random streams.
     */
    @Override
    public void spawn(String name, Runnable body) {
        Check.notNull(body, "body");
        sim.spawn(name + "#" + (++spawned), body::run);
    }

    @Override
    public <T> Mailbox<T> mailbox() {
        return new SimMailbox<>(sim);
    }

    @Override
    public void sleepNanos(long nanos) {
        Check.that(nanos >= 0, "negative sleep %s ns", nanos);
        sim.sleepNanos(nanos);
    }
}
