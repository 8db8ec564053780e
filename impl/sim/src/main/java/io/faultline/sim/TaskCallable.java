package io.faultline.sim;

/** The code of a simulation task that produces a value (see {@link Simulation#spawnValue}). */
@FunctionalInterface
public interface TaskCallable<T> {
    T call() throws Exception;
}
