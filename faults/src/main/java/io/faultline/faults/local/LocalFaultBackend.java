package io.faultline.faults.local;

import io.faultline.core.Check;
import io.faultline.faults.ClockFaults;
import io.faultline.faults.FaultBackend;
import io.faultline.faults.Grudge;
import io.faultline.faults.LinkFaults;
import io.faultline.faults.ProcessFaults;
import io.faultline.vertx.cluster.ProcessCluster;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Faults for the node processes of a {@link ProcessCluster} (node index i is {@code n(i+1)} on
 * 127.0.0.(10+i)).
 *
 * <ul>
 *   <li>partitions: iptables DROP rules by source/destination address in a chain of this
 *       harness's own ({@code FAULTLINE-<pid>}, jumped to from {@code INPUT -i lo}); without root or iptables,
 *       each node's transport filter through its admin endpoint ({@link #partitionMechanism});</li>
 *   <li>loss: an iptables {@code statistic} rule per node in the same chain, or the node's
 *       transport (inbound loss) without iptables; delay: the node's transport (inbound delay);</li>
 *   <li>kill = SIGKILL, restart waits for the node's ready line; pause/resume = SIGSTOP/SIGCONT;</li>
 *   <li>clock: the node's clock offset through its admin endpoint.</li>
 * </ul>
 *
 * A setting that reaches a node through its admin endpoint is remembered and applied again when
 * a paused node resumes or a killed node restarts (a paused node cannot answer; a restarted one
 * starts clean), so every node always carries the faults the nemesis believes it does. The
 * cluster itself is the caller's: {@link #close} heals and removes the chain but kills nothing.
 */
public final class LocalFaultBackend implements FaultBackend, ProcessFaults, ClockFaults, LinkFaults, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalFaultBackend.class.getName());
    static final int ADMIN_ATTEMPTS_MAX = 3;
    static final long ADMIN_RETRY_PAUSE_MS = 100;

    private final ProcessCluster cluster;
    private final Iptables iptables;
    private final List<String> nodes = new ArrayList<>();
    private Grudge grudge = Grudge.none();
    private final Set<Integer> paused = new TreeSet<>();
    private final Map<Integer, Long> clockOffsetsMs = new TreeMap<>();
    private final Map<Integer, Double> loss = new TreeMap<>();
    private final Map<Integer, Long> delaysMs = new TreeMap<>();
    private boolean closed;

    /** iptables (this harness's own chain, {@code FAULTLINE-<pid>}) when usable here, the transport filter otherwise. */
    public LocalFaultBackend(ProcessCluster cluster) {
        this(cluster, Iptables.usable() ? Iptables.forThisProcess() : null);
    }

    /**
     * With an explicit mechanism: {@code iptables} null means the transport filter; otherwise the
     * chain it names is created and hooked now and removed by {@link #close}.
     */
    public LocalFaultBackend(ProcessCluster cluster, Iptables iptables) {
        this.cluster = Check.notNull(cluster, "cluster");
        this.iptables = iptables;
        for (int i = 0; i < cluster.size(); i++) {
            nodes.add("n" + (i + 1));
        }
        if (iptables != null) {
            iptables.install();
            iptables.replaceRules(List.of());
        }
    }

    /**
     * Removes the iptables chains left by harnesses that died before their close (call at the start
     * of every run): every chain of ours whose owner process is gone. Chains of live harnesses stay.
     * Returns true when one was removed; false also when iptables is not usable here.
     */
    public static boolean cleanupLeftovers() {
        return Iptables.usable() && !Iptables.removeLeftovers().isEmpty();
    }

    /** Removes one chain of ours whatever its owner (tests). */
    public static boolean cleanupLeftovers(Iptables chain) {
        return Iptables.usable() && chain.remove();
    }

    @Override
    public List<String> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public synchronized String leader() {
        String best = null;
        long bestTerm = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (!cluster.isUp(i) || paused.contains(i)) {
                continue; // a paused node cannot answer; a killed one is no leader
            }
            JsonObject s = cluster.status(i);
            if (s != null && "LEADER".equals(s.getString("role")) && s.getLong("term", 0L) > bestTerm) {
                best = nodes.get(i);
                bestTerm = s.getLong("term", 0L);
            }
        }
        return best;
    }

    @Override
    public synchronized void partition(Grudge g) {
        for (String n : g.dropsFrom().keySet()) {
            index(n);
            g.dropsFrom().get(n).forEach(this::index);
        }
        grudge = g;
        if (iptables != null) {
            writeRules();
        } else {
            for (int i = 0; i < nodes.size(); i++) {
                if (reachable(i)) {
                    applyFilter(i);
                }
            }
        }
    }

    @Override
    public String partitionMechanism() {
        return iptables != null ? "iptables" : "transport-filter";
    }

    @Override
    public String mechanism(String fault) {
        switch (fault) {
            case "partition":
                return partitionMechanism();
            case "loss":
                return iptables != null ? "iptables-statistic" : "transport";
            case "delay":
                return "transport";
            case "kill":
                return "sigkill";
            case "pause":
                return "sigstop";
            case "clock":
                return "clock-offset";
            default:
                return "local";
        }
    }

    @Override
    public synchronized void kill(String node) {
        int i = index(node);
        paused.remove(i); // SIGKILL ends a stopped process too
        cluster.kill(i);
    }

    @Override
    public synchronized void restart(String node) {
        int i = index(node);
        if (cluster.isUp(i)) {
            return;
        }
        cluster.start(i);
        reapply(i);
    }

    @Override
    public synchronized void pause(String node) {
        int i = index(node);
        if (!cluster.isUp(i) || paused.contains(i)) {
            return;
        }
        signal(i, "STOP");
        paused.add(i);
    }

    @Override
    public synchronized void resume(String node) {
        int i = index(node);
        if (!paused.contains(i)) {
            return;
        }
        if (cluster.isUp(i)) {
            signal(i, "CONT");
            paused.remove(i);
            reapply(i);
        } else {
            paused.remove(i);
        }
    }

    @Override
    public synchronized void setClockOffsetMs(String node, long offsetMs) {
        int i = index(node);
        if (offsetMs == 0) {
            clockOffsetsMs.remove(i);
        } else {
            clockOffsetsMs.put(i, offsetMs);
        }
        if (reachable(i)) {
            admin(() -> cluster.clockOffset(i, offsetMs), node, "clock offset " + offsetMs + " ms");
        }
    }

    @Override
    public synchronized void setLoss(String node, double probability) {
        Check.that(probability >= 0 && probability <= 1, "loss probability must be in [0, 1], was %s", probability);
        int i = index(node);
        if (probability == 0) {
            loss.remove(i);
        } else {
            loss.put(i, probability);
        }
        if (iptables != null) {
            writeRules();
        } else if (reachable(i)) {
            applyNet(i);
        }
    }

    @Override
    public synchronized void setDelayMs(String node, long delayMs) {
        Check.that(delayMs >= 0 && delayMs <= 60_000, "delayMs must be in 0..60000, was %s", delayMs);
        int i = index(node);
        if (delayMs == 0) {
            delaysMs.remove(i);
        } else {
            delaysMs.put(i, delayMs);
        }
        if (reachable(i)) {
            applyNet(i);
        }
    }

    /** The iptables chain in use, or null with the transport filter. */
    public Iptables iptables() {
        return iptables;
    }

    /** Nodes currently stopped with SIGSTOP. */
    public synchronized List<String> pausedNodes() {
        return paused.stream().map(nodes::get).toList();
    }

    /**
     * Heals everything it can — resumes paused nodes, clears partitions, loss, delay and clock
     * offsets on live nodes — and removes the iptables chain. Kills nothing. Never throws.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i : new ArrayList<>(paused)) {
            quietly(() -> resume(nodes.get(i)));
        }
        grudge = Grudge.none();
        clockOffsetsMs.clear();
        loss.clear();
        delaysMs.clear();
        if (iptables != null) {
            quietly(iptables::remove);
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (cluster.isUp(i)) {
                int n = i;
                quietly(() -> reapply(n));
            }
        }
    }

    private void writeRules() {
        List<String> rules = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : grudge.dropsFrom().entrySet()) {
            String to = host(index(e.getKey()));
            for (String from : new TreeSet<>(e.getValue())) {
                rules.add("-s " + host(index(from)) + "/32 -d " + to + "/32 -j DROP");
            }
        }
        for (Map.Entry<Integer, Double> e : loss.entrySet()) {
            rules.add("-d " + host(e.getKey()) + "/32 -m statistic --mode random --probability " + e.getValue() + " -j DROP");
        }
        iptables.replaceRules(rules);
    }

    /** Sends node i every setting that travels through its admin endpoint. */
    private void reapply(int i) {
        if (iptables == null) {
            applyFilter(i);
        }
        applyNet(i);
        long off = clockOffsetsMs.getOrDefault(i, 0L);
        admin(() -> cluster.clockOffset(i, off), nodes.get(i), "clock offset " + off + " ms");
    }

    private void applyFilter(int i) {
        Set<Integer> drop = new TreeSet<>();
        Set<String> from = grudge.dropsFrom().getOrDefault(nodes.get(i), Set.of());
        for (String n : from) {
            drop.add(index(n));
        }
        // the transport filter cuts both directions; add the nodes that drop from this one
        for (Map.Entry<String, Set<String>> e : grudge.dropsFrom().entrySet()) {
            if (e.getValue().contains(nodes.get(i))) {
                drop.add(index(e.getKey()));
            }
        }
        admin(() -> cluster.filter(i, drop), nodes.get(i), "transport filter " + drop);
    }

    private void applyNet(int i) {
        double p = iptables == null ? loss.getOrDefault(i, 0.0) : 0.0;
        long d = delaysMs.getOrDefault(i, 0L);
        admin(() -> cluster.netConditions(i, d, p), nodes.get(i), "delay " + d + " ms, loss " + p);
    }

    private boolean reachable(int i) {
        return cluster.isUp(i) && !paused.contains(i);
    }

    private void signal(int i, String sig) {
        long pid = cluster.pid(i);
        Check.that(pid > 0, "node %s has no process", nodes.get(i));
        Iptables.Result r = Iptables.run(List.of("kill", "-" + sig, String.valueOf(pid)), null);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("kill -" + sig + " " + pid + " (" + nodes.get(i) + ") failed: " + r.output().trim());
        }
    }

    /**
     * One admin command, tried up to {@value #ADMIN_ATTEMPTS_MAX} times: the HTTP client keeps
     * connections open, and the first POST after a node restarted on the same admin port can go
     * down a connection to the dead process (the client retries only GETs by itself). The
     * commands are idempotent.
     */
    private static void admin(BooleanSupplier call, String node, String what) {
        for (int attempt = 1; attempt <= ADMIN_ATTEMPTS_MAX; attempt++) {
            if (call.getAsBoolean()) {
                return;
            }
            if (attempt < ADMIN_ATTEMPTS_MAX) {
                try {
                    Thread.sleep(ADMIN_RETRY_PAUSE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("the admin endpoint of " + node + " did not accept " + what + " ("
                + ADMIN_ATTEMPTS_MAX + " attempts)");
    }

    private String host(int i) {
        return cluster.peers().get(i).host();
    }

    private int index(String node) {
        int i = nodes.indexOf(node);
        Check.that(i >= 0, "unknown node %s (nodes are %s)", node, nodes);
        return i;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "local fault backend: while healing: " + e.getMessage());
        }
    }
}
