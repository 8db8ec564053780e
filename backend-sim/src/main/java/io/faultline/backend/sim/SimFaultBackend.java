package io.faultline.backend.sim;

import io.faultline.core.Check;
import io.faultline.faults.ClockFaults;
import io.faultline.faults.FaultBackend;
import io.faultline.faults.Grudge;
import io.faultline.faults.LinkFaults;
import io.faultline.faults.ProcessFaults;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Faults on the simulated nodes. Every capability is exact in virtual time:
 * <ul>
 *   <li>{@link #partition}: each directed link of the grudge is cut at the nodes' runtimes (a
 *       request is dropped when its callee does not hear from the caller, a reply when the caller
 *       does not hear from the callee), so one-way grudges stay one-way. Clients (clerks) are not
 *       nodes and keep reaching every node, as with iptables rules between node addresses.</li>
 *   <li>{@link #kill}: a crash; the node keeps only what its storage had synced.
 *       {@link #restart}: a new incarnation from that storage, reconnected.</li>
 *   <li>{@link #pause}/{@link #resume}: none of the node's timers, handlers or replies run
 *       meanwhile; what it missed runs at resume, in order.</li>
 *   <li>{@link #setClockOffsetMs}: the node's Runtime clock reads virtual time plus the offset
 *       (timers still fire after their delays); kept across restarts.</li>
 *   <li>{@link #setLoss}/{@link #setDelayMs}: on every message into the node (requests from peers
 *       and clerks, replies to its own calls); a seeded draw per message.</li>
 * </ul>
 * Call from a simulation task (the interpreter's nemesis worker) or before the run.
 */
public final class SimFaultBackend implements FaultBackend, ProcessFaults, ClockFaults, LinkFaults {
    private final SimCluster cluster;

    SimFaultBackend(SimCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public List<String> nodes() {
        return cluster.nodeNames();
    }

    @Override
    public String leader() {
        return cluster.leader();
    }

    @Override
    public void partition(Grudge grudge) {
        Check.notNull(grudge, "grudge");
        // validate everything before changing anything
        for (Map.Entry<String, Set<String>> e : grudge.dropsFrom().entrySet()) {
            cluster.index(e.getKey());
            for (String from : e.getValue()) {
                cluster.index(from);
            }
        }
        Links links = cluster.links();
        links.healAll();
        for (Map.Entry<String, Set<String>> e : grudge.dropsFrom().entrySet()) {
            int to = cluster.index(e.getKey());
            for (String from : e.getValue()) {
                links.cut(to, cluster.index(from));
            }
        }
    }

    @Override
    public String partitionMechanism() {
        return "sim";
    }

    /** For faults.jsonl: every fault is applied by the simulator ({@code sim}, as {@link #partitionMechanism}). */
    @Override
    public String mechanism(String fault) {
        return "sim";
    }

    @Override
    public void kill(String node) {
        cluster.group().crash(cluster.index(node));
    }

    @Override
    public void restart(String node) {
        int i = cluster.index(node);
        if (!cluster.group().isAlive(i)) {
            cluster.group().restart(i);
        }
    }

    @Override
    public void pause(String node) {
        cluster.group().pause(cluster.index(node));
    }

    @Override
    public void resume(String node) {
        cluster.group().resume(cluster.index(node));
    }

    @Override
    public void setClockOffsetMs(String node, long offsetMs) {
        cluster.group().setClockOffsetNanos(cluster.index(node), Math.multiplyExact(offsetMs, 1_000_000L));
    }

    @Override
    public void setLoss(String node, double probability) {
        cluster.links().setLoss(cluster.index(node), probability);
    }

    @Override
    public void setDelayMs(String node, long delayMs) {
        Check.that(delayMs >= 0, "negative delay %s ms", delayMs);
        cluster.links().setDelayNanos(cluster.index(node), Math.multiplyExact(delayMs, 1_000_000L));
    }

    /** Whether node is up (not crashed). */
    public boolean isAlive(String node) {
        return cluster.group().isAlive(cluster.index(node));
    }

    /** Whether node is paused. */
    public boolean isPaused(String node) {
        return cluster.group().isPaused(cluster.index(node));
    }
}
