package io.faultline.harness;

import io.faultline.faults.FaultBackend;
import io.faultline.harness.interp.Env;

/**
 * Where a test's nodes live: local processes (the default) or the simulator. The runner is written
 * once against this interface: it calls {@link #run} with the whole test (start nodes, interpret,
 * heal, final reads); the local backend runs it on the calling thread in real time, the simulator
 * backend runs it as the simulation's main task in virtual time, so a sim run is a function of the
 * seed. {@link #faults()} may also implement {@link io.faultline.faults.ProcessFaults},
 * {@link io.faultline.faults.ClockFaults} and {@link io.faultline.faults.LinkFaults}.
 */
public interface TestBackend extends AutoCloseable {
    /** {@code local} or {@code sim}. */
    String name();

    /** Runs {@code task} in this backend's time and threads; returns when it returns, rethrows what it throws. */
    void run(BackendTask task) throws Exception;

    /** Starts every node and waits until each serves; called inside {@link #run}. Throws, with the node's log tail, when one fails to start. */
    void startNodes() throws Exception;

    FaultBackend faults();

    KvClerks clerks();

    /**
     * Nodes that stopped on their own during the test — a fatal error or failed safety check, not a
     * kill of the nemesis — each with its reason; the runner reports any as an invalid run. Called
     * inside {@link #run}, after the final reads.
     */
    default java.util.List<String> nodeFailures() {
        return java.util.List.of();
    }

    /** Stops every node and releases everything (unless told to leave nodes running). Never throws. */
    @Override
    void close();

    /** The body run by {@link #run}. */
    interface BackendTask {
        void run(Env env) throws Exception;
    }
}
