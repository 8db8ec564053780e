package io.faultline.jepsen;

import io.faultline.faults.FaultBackend;
import io.faultline.faults.Nemesis;
import io.faultline.harness.interp.Env;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The run's nemesis (the packages' one, or none) plus the op that starts the final phase:
 * {@code heal-all} ends every fault ({@link Nemesis#healAll}: partitions healed, killed nodes
 * restarted, paused ones resumed, clocks reset, loss and delay cleared) and then waits, in the
 * env's time, until the system has a leader again (kvraft; up to {@code recoveryTimeoutMs}). Its
 * completion value says what it found; no leader in time is an error (the op is info, and the
 * final reads will show the unavailability).
 */
final class HealingNemesis implements Nemesis {
    static final String HEAL_ALL = "heal-all";
    static final long LEADER_POLL_NS = 100_000_000L;

    private final Nemesis inner;
    private final FaultBackend faults;
    private final Env env;
    private final boolean needsLeader;
    private final long recoveryTimeoutMs;

    HealingNemesis(Nemesis inner, FaultBackend faults, Env env, boolean needsLeader, long recoveryTimeoutMs) {
        this.inner = inner;
        this.faults = faults;
        this.env = env;
        this.needsLeader = needsLeader;
        this.recoveryTimeoutMs = recoveryTimeoutMs;
    }

    @Override
    public Set<String> fs() {
        Set<String> out = new LinkedHashSet<>(inner == null ? Set.of() : inner.fs());
        out.add(HEAL_ALL);
        return out;
    }

    @Override
    public Object invoke(String f, Object value) throws Exception {
        if (!HEAL_ALL.equals(f)) {
            if (inner == null) {
                throw new IllegalArgumentException("no nemesis for " + f);
            }
            return inner.invoke(f, value);
        }
        long t0 = env.nowNanos();
        healAll();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("healed", true);
        if (needsLeader) {
            String leader = awaitLeader(t0 + recoveryTimeoutMs * 1_000_000L);
            if (leader == null) {
                throw new IllegalStateException("no leader within " + recoveryTimeoutMs + " ms after the heal");
            }
            out.put("leader", leader);
        }
        out.put("recoveryMs", (env.nowNanos() - t0) / 1_000_000);
        return out;
    }

    /** Polls the fault backend for a leader until {@code deadlineNs} (env time); null when none came. */
    String awaitLeader(long deadlineNs) throws InterruptedException {
        while (true) {
            String l = faults.leader();
            if (l != null || env.nowNanos() >= deadlineNs) {
                return l;
            }
            env.sleepNanos(LEADER_POLL_NS);
        }
    }

    @Override
    public void healAll() throws Exception {
        if (inner != null) {
            inner.healAll();
        }
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
