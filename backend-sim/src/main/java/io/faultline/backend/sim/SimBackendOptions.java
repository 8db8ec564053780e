package io.faultline.backend.sim;

import io.faultline.core.Check;
import io.faultline.kvraft.KvRaftVariant;
import io.faultline.kvsrv.Clerk;
import io.faultline.raft.RaftFactories;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link SimBackend} simulates. Build with {@link #of(String, int, long)} and the
 * {@code with*} methods; the constructor validates and throws {@link IllegalArgumentException}
 * with the valid names for an unknown system, variant or Raft (the CLI maps that to exit 2).
 *
 * @param system              {@code kvsrv} (one server) or {@code kvraft}
 * @param variant             the server/clerk variant by label: kvraft {@code kvraft} (correct),
 *                            {@code bug-local-get}, {@code bug-snapshot-drops-versions}; kvsrv
 *                            {@code kvsrv} (correct), {@code bug-errversion-after-resend}; null
 *                            means the correct one
 * @param raft                kvraft's Raft implementation by {@link RaftFactories} name
 *                            ({@code faultline}, {@code bug-forget-vote}, ...)
 * @param nodes               number of nodes n1..nN (kvsrv: exactly 1)
 * @param seed                the simulation's seed; a run is a function of it and these options
 * @param maxRaftState        kvraft: Raft state bytes that trigger a snapshot; -1 never snapshots
 * @param virtualTimeLimitMs  the simulation fails when virtual time passes this (whole test, heal included)
 * @param watchdogMs          the simulation fails when the run takes this long in real time
 * @param clerkLatencyMinUs   virtual time each clerk RPC spends before it is sent (lower bound)
 * @param clerkLatencyMaxUs   upper bound of that latency (0 turns it off)
 * @param unreliableNetwork   the simulator's labrpc unreliable mode for every call (10% loss, 0-26 ms delay)
 */
public record SimBackendOptions(
        String system,
        String variant,
        String raft,
        int nodes,
        long seed,
        int maxRaftState,
        long virtualTimeLimitMs,
        long watchdogMs,
        int clerkLatencyMinUs,
        int clerkLatencyMaxUs,
        boolean unreliableNetwork) {

    public static final List<String> SYSTEMS = List.of("kvsrv", "kvraft");
    public static final long VIRTUAL_TIME_LIMIT_MS_DEFAULT = 3_600_000L;
    public static final long WATCHDOG_MS_DEFAULT = 3_600_000L;
    public static final int CLERK_LATENCY_MIN_US_DEFAULT = 2_000;
    public static final int CLERK_LATENCY_MAX_US_DEFAULT = 6_000;
    public static final int NODES_MAX = 99;

    public SimBackendOptions {
        Check.notNull(system, "system");
        if (!SYSTEMS.contains(system)) {
            throw new IllegalArgumentException("unknown system '" + system + "' for the sim backend; valid: " + SYSTEMS);
        }
        if (variant != null) {
            List<String> known = variants(system);
            if (!known.contains(variant)) {
                throw new IllegalArgumentException("unknown " + system + " variant '" + variant + "'; valid: " + known);
            }
        }
        if (raft == null) {
            raft = RaftFactories.DEFAULT_NAME;
        }
        if (!RaftFactories.names().contains(raft)) {
            throw new IllegalArgumentException("unknown raft '" + raft + "'; valid: " + RaftFactories.names());
        }
        if (system.equals("kvsrv") && nodes != 1) {
            throw new IllegalArgumentException("kvsrv is a single server: nodes must be 1, was " + nodes);
        }
        if (nodes < 1 || nodes > NODES_MAX) {
            throw new IllegalArgumentException("nodes must be in [1, " + NODES_MAX + "], was " + nodes);
        }
        if (maxRaftState != -1 && maxRaftState <= 0) {
            throw new IllegalArgumentException("maxRaftState must be -1 (no snapshots) or > 0, was " + maxRaftState);
        }
        Check.that(virtualTimeLimitMs > 0, "virtualTimeLimitMs must be > 0, was %s", virtualTimeLimitMs);
        Check.that(watchdogMs > 0, "watchdogMs must be > 0, was %s", watchdogMs);
        Check.that(clerkLatencyMinUs >= 0 && clerkLatencyMinUs <= clerkLatencyMaxUs,
                "need 0 <= clerkLatencyMinUs (%s) <= clerkLatencyMaxUs (%s)", clerkLatencyMinUs, clerkLatencyMaxUs);
    }

    /** Defaults: correct variant, the default Raft, no snapshots, 1 h virtual and 1 h wall limits, 2-6 ms clerk latency, reliable network. */
    public static SimBackendOptions of(String system, int nodes, long seed) {
        return new SimBackendOptions(system, null, RaftFactories.DEFAULT_NAME, nodes, seed, -1,
                VIRTUAL_TIME_LIMIT_MS_DEFAULT, WATCHDOG_MS_DEFAULT, CLERK_LATENCY_MIN_US_DEFAULT,
                CLERK_LATENCY_MAX_US_DEFAULT, false);
    }

    /** The variant labels of {@code system}, correct one first. */
    public static List<String> variants(String system) {
        List<String> out = new ArrayList<>();
        if (system.equals("kvraft")) {
            for (KvRaftVariant v : KvRaftVariant.values()) {
                out.add(v.label);
            }
        } else if (system.equals("kvsrv")) {
            for (Clerk.Variant v : Clerk.Variant.values()) {
                out.add(v.label);
            }
        }
        return out;
    }

    public SimBackendOptions withVariant(String v) {
        return new SimBackendOptions(system, v, raft, nodes, seed, maxRaftState, virtualTimeLimitMs, watchdogMs,
                clerkLatencyMinUs, clerkLatencyMaxUs, unreliableNetwork);
    }

    public SimBackendOptions withRaft(String v) {
        return new SimBackendOptions(system, variant, v, nodes, seed, maxRaftState, virtualTimeLimitMs, watchdogMs,
                clerkLatencyMinUs, clerkLatencyMaxUs, unreliableNetwork);
    }

    public SimBackendOptions withSeed(long v) {
        return new SimBackendOptions(system, variant, raft, nodes, v, maxRaftState, virtualTimeLimitMs, watchdogMs,
                clerkLatencyMinUs, clerkLatencyMaxUs, unreliableNetwork);
    }

    public SimBackendOptions withMaxRaftState(int v) {
        return new SimBackendOptions(system, variant, raft, nodes, seed, v, virtualTimeLimitMs, watchdogMs,
                clerkLatencyMinUs, clerkLatencyMaxUs, unreliableNetwork);
    }

    public SimBackendOptions withVirtualTimeLimitMs(long v) {
        return new SimBackendOptions(system, variant, raft, nodes, seed, maxRaftState, v, watchdogMs,
                clerkLatencyMinUs, clerkLatencyMaxUs, unreliableNetwork);
    }

    public SimBackendOptions withWatchdogMs(long v) {
        return new SimBackendOptions(system, variant, raft, nodes, seed, maxRaftState, virtualTimeLimitMs, v,
                clerkLatencyMinUs, clerkLatencyMaxUs, unreliableNetwork);
    }

    public SimBackendOptions withClerkLatencyUs(int min, int max) {
        return new SimBackendOptions(system, variant, raft, nodes, seed, maxRaftState, virtualTimeLimitMs, watchdogMs,
                min, max, unreliableNetwork);
    }

    public SimBackendOptions withUnreliableNetwork(boolean v) {
        return new SimBackendOptions(system, variant, raft, nodes, seed, maxRaftState, virtualTimeLimitMs, watchdogMs,
                clerkLatencyMinUs, clerkLatencyMaxUs, v);
    }

    /** The correct variant when {@link #variant} is null. */
    public String variantOrDefault() {
        return variant != null ? variant : variants(system).get(0);
    }
}
