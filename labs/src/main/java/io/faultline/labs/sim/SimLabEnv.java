package io.faultline.labs.sim;

import io.faultline.core.Rng;
import io.faultline.labs.LabEnv;
import io.faultline.labs.LabFailure;
import io.faultline.labs.LabTask;
import io.faultline.sim.SimTask;
import io.faultline.sim.Simulation;

/**
 * {@link LabEnv} on the simulator: virtual time, cooperative tasks (one runs at a time), each
 * task with its own seeded random stream; a failure fails the whole run at once.
 */
public final class SimLabEnv implements LabEnv {
    private final Simulation sim;

    public SimLabEnv(Simulation sim) {
        this.sim = sim;
    }

    @Override
    public long nowMs() {
        return sim.nowMillis();
    }

    @Override
    public void sleepMs(long ms) {
        sim.sleepMillis(ms);
    }

    @Override
    public LabTask spawn(String name, Runnable body) {
        SimTask<Void> task = sim.spawn(name, body::run);
        return new LabTask() {
            @Override
            public boolean isDone() {
                return task.isDone();
            }

            @Override
            public void join() {
                task.join();
            }
        };
    }

    @Override
    public Rng random() {
        return sim.random();
    }

    @Override
    public LabFailure fail(String message) {
        sim.fail(message); // records the run's failure and throws
        return new LabFailure(message);
    }
}
