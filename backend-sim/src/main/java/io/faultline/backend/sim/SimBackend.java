package io.faultline.backend.sim;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.harness.KvClerks;
import io.faultline.harness.TestBackend;
import io.faultline.sim.SimOptions;
import io.faultline.sim.Simulation;
import io.faultline.sim.SimulationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator backend of {@code faultline test --backend sim}: kvsrv or kvraft nodes in one
 * {@link Simulation}, the whole test run as its main task with a {@link SimEnv}, so a run is a
 * function of {@link SimBackendOptions} (seed included) and the test's code: the same options give
 * the same history and the same {@link #traceHash()}.
 *
 * <p>Life cycle: construct, {@link #run} once (inside it: {@link #startNodes}, interpret, heal,
 * final reads), {@link #close}. {@link #faults()} and {@link #clerks()} may be taken before
 * {@code run} but are used inside it.
 */
public final class SimBackend implements TestBackend {
    private final SimBackendOptions options;
    private final Simulation sim;
    private final SimCluster cluster;
    private final SimFaultBackend faults;
    private final SimKvClerks clerks;
    private boolean ran;
    private boolean closed;

    public SimBackend(SimBackendOptions options) {
        this.options = Check.notNull(options, "options");
        SimOptions so = SimOptions.defaults()
                .withTimeLimitNanos(Math.multiplyExact(options.virtualTimeLimitMs(), 1_000_000L))
                .withWatchdogMillis(options.watchdogMs());
        this.sim = new Simulation(options.seed(), so);
        sim.network().setReliable(!options.unreliableNetwork());
        Links links = new Links(options.nodes(), new Rng(options.seed()).fork("backend-sim:links"));
        this.cluster = new SimCluster(sim, options, links);
        this.faults = new SimFaultBackend(cluster);
        this.clerks = new SimKvClerks(sim, cluster);
    }

    public SimBackendOptions options() {
        return options;
    }

    @Override
    public String name() {
        return "sim";
    }

    /**
     * Runs {@code task} as the simulation's main task, in virtual time, with a {@link SimEnv} whose
     * time starts at the task's start. Returns when the task returns (every other task is then
     * stopped); rethrows what the task throws. A failure elsewhere in the simulation (a node
     * callback or another task threw, the virtual-time limit or the watchdog) is thrown as the
     * simulator's {@link SimulationFailure}, which names the seed. Once per backend.
     */
    @Override
    public void run(BackendTask task) throws Exception {
        Check.notNull(task, "task");
        Check.that(!ran, "a sim backend runs once");
        Check.that(!closed, "the sim backend is closed");
        ran = true;
        Throwable[] thrown = new Throwable[1];
        sim.run(() -> {
            try {
                task.run(new SimEnv(sim));
            } catch (Exception | AssertionError e) {
                thrown[0] = e;
            }
        });
        if (thrown[0] instanceof Exception e) {
            throw e;
        }
        if (thrown[0] instanceof Error e) {
            throw e;
        }
    }

    /** Starts every node (connected to all); in the simulator a started node serves at once. */
    @Override
    public void startNodes() {
        Check.that(sim.inTask(), "startNodes runs inside run()");
        cluster.start();
    }

    @Override
    public SimFaultBackend faults() {
        return faults;
    }

    @Override
    public KvClerks clerks() {
        return clerks;
    }

    /**
     * Fatal errors of node callbacks so far, oldest first, e.g. a Raft's always-on safety check
     * failing ({@code t=1.855 s n5: fatal error in a callback: ...CheckFailure: leader overwrites
     * committed index ...}). Each crashed its node, as a node process exits on a fatal error; the
     * run went on. The runner should log them (they are the sim's node logs) and may treat a safety
     * check among them as a finding.
     */
    public List<String> nodeFatalErrors() {
        return cluster.fatalErrors();
    }

    /** The fatal node errors: a node callback that threw (e.g. a failed Raft safety check) crashed its node. */
    @Override
    public List<String> nodeFailures() {
        return nodeFatalErrors();
    }

    /**
     * Facts of the finished run for {@code test.json}: {@code seed}, {@code traceHash} (hex; equal
     * for equal runs), {@code events}, {@code virtualMs}, {@code nodeFatalErrors} (a list).
     */
    public Map<String, Object> facts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", options.seed());
        m.put("traceHash", Long.toHexString(sim.traceHash()));
        m.put("events", sim.eventCount());
        m.put("virtualMs", sim.nowMillis());
        m.put("nodeFatalErrors", List.copyOf(cluster.fatalErrors()));
        return m;
    }

    /** The simulation's running hash of every executed event: equal for equal runs. */
    public long traceHash() {
        return sim.traceHash();
    }

    /** Events the simulation executed. */
    public long eventCount() {
        return sim.eventCount();
    }

    /** Virtual nanoseconds since the simulation was created. */
    public long virtualNanos() {
        return sim.nowNanos();
    }

    SimCluster cluster() {
        return cluster;
    }

    /** The simulation itself (for tests and diagnostics; do not touch it outside {@link #run}'s tasks). */
    public Simulation simulation() {
        return sim;
    }

    /**
     * Nothing to stop: {@link #run} ends every simulation task and its thread before it returns
     * (a task stuck without yielding trips the watchdog and is abandoned as a daemon thread).
     * Never throws.
     */
    @Override
    public void close() {
        closed = true;
    }
}
