package io.faultline.labs.sim;

import io.faultline.labs.raft.RaftLabTest;
import io.faultline.labs.raft.RaftLabTests;
import io.faultline.labs.raft.RaftTester;
import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabSuite;
import io.faultline.labs.runner.LabTestInfo;
import io.faultline.labs.runner.RunOutcome;
import io.faultline.raft.api.RaftFactory;
import io.faultline.sim.SimOptions;
import io.faultline.sim.Simulation;
import io.faultline.sim.SimulationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The Raft lab suite on the simulator: each run is a fresh {@link Simulation} with the run's seed,
 * long delays on, the test's reliability, and a cluster of the chosen Raft. The run fails when the
 * scenario fails, any node throws, or 120 virtual seconds pass.
 */
public final class RaftSimSuite implements LabSuite {
    /** Wall-clock guard per run; generous, as a watchdog failure is not replayable. */
    public static final long WATCHDOG_MS = 600_000;

    private final RaftCatalog catalog;

    public RaftSimSuite() {
        this(RaftCatalogs.registry());
    }

    public RaftSimSuite(RaftCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "raft";
    }

    @Override
    public List<LabTestInfo> tests() {
        List<LabTestInfo> out = new ArrayList<>();
        for (RaftLabTest t : RaftLabTests.all()) {
            out.add(new LabTestInfo(name(), t.name(), t.part()));
        }
        return out;
    }

    @Override
    public String checkOptions(LabOptions options) {
        if (options.raftName() != null && catalog.byName(options.raftName()) == null) {
            List<String> names = new ArrayList<>();
            for (RaftFactory f : catalog.all()) {
                names.add(f.name());
            }
            return "unknown raft '" + options.raftName() + "'; valid: " + String.join(", ", names);
        }
        return null;
    }

    @Override
    public RunOutcome run(String testName, long seed, LabOptions options) {
        RaftLabTest test = RaftLabTests.byName(testName);
        if (test == null) {
            throw new IllegalArgumentException("no raft lab test " + testName);
        }
        String raftName = options.raftName() == null ? catalog.defaultName() : options.raftName();
        RaftFactory factory = catalog.byName(raftName);
        if (factory == null) {
            throw new IllegalArgumentException("no raft " + raftName);
        }
        return run(test, factory, seed);
    }

    /** One run of {@code test} against {@code factory} with {@code seed}. */
    public static RunOutcome run(RaftLabTest test, RaftFactory factory, long seed) {
        SimOptions options = SimOptions.defaults()
                .withTimeLimitNanos(RaftTester.TEST_TIME_LIMIT_MS * 1_000_000L)
                .withWatchdogMillis(WATCHDOG_MS);
        Simulation sim = new Simulation(seed, options);
        sim.network().setReliable(test.reliable());
        sim.network().setLongDelays(true);
        SimRaftCluster cluster = new SimRaftCluster(sim, test.servers(), test.snapshot(), factory);
        RaftTester tester = new RaftTester(cluster, new SimLabEnv(sim));
        String message = null;
        try {
            cluster.startServers();
            sim.run(() -> {
                tester.begin();
                test.body().run(tester);
                tester.end();
            });
        } catch (SimulationFailure f) {
            message = f.getMessage();
        }
        long trace = sim.traceHash() * 31 + cluster.applyLogs().traceHash();
        return new RunOutcome(test.name(), seed, message == null, message, sim.nowMillis(), trace,
                sim.network().rpcTotal(), message == null ? List.of() : tester.trail().lines());
    }
}
