package io.faultline.jepsen;

import io.faultline.kvraft.KvRaftVariant;
import io.faultline.kvsrv.Clerk;
import io.faultline.raft.RaftFactories;
import io.faultline.workloads.Workloads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code faultline test} run, fully specified: what runs (system, its variant and Raft), where
 * (backend, nodes), what the clients do (workload, concurrency), which faults (nemesis packages and
 * their interval), for how long, the seed, and the limits of each phase. The constructor validates;
 * a bad value is an {@link IllegalArgumentException} whose message lists the valid names (exit 2).
 *
 * @param variant          {@code faultline} (the correct system) or a planted bug ({@link #variants})
 * @param raft             kvraft's Raft implementation ({@code faultline} or a planted Raft bug)
 * @param nemeses          nemesis packages (empty: no faults)
 * @param opTimeoutMs      a client op's deadline: past it the op is info
 * @param maxRaftState     kvraft: Raft state bytes that trigger a snapshot (-1: never)
 * @param checkBudgetS     the checker's time budget; out of it the verdict is unknown
 * @param phaseSlackS      what each watchdog allows beyond its phase's planned time
 */
public record TestSpec(String system, String variant, String raft, String workload, String backend, int nodes,
                       int concurrency, int timeLimitS, List<String> nemeses, double nemesisIntervalS, long seed,
                       long opTimeoutMs, int maxRaftState, double checkBudgetS, int phaseSlackS, Path store,
                       boolean leaveRunning, String command) {
    public static final List<String> SYSTEMS = List.of("kvraft", "kvsrv");
    public static final List<String> BACKENDS = List.of("local", "sim");
    /** Every nemesis package name, in the order {@code all} lists them. */
    public static final List<String> NEMESES = List.of("partition", "kill", "pause", "clock", "loss", "delay");
    /** kvsrv keeps its data in memory: killing it loses everything, which it does not claim to survive. */
    public static final List<String> KVSRV_NEMESES = List.of("pause", "clock", "loss", "delay");
    public static final String CORRECT = "faultline";

    public TestSpec {
        require(SYSTEMS.contains(system), "unknown system '" + system + "'; valid: " + String.join(", ", SYSTEMS));
        require(variants(system).contains(variant),
                "unknown " + system + " variant '" + variant + "'; valid: " + String.join(", ", variants(system)));
        require(RaftFactories.names().contains(raft), "unknown raft '" + raft + "'; valid: " + String.join(", ", RaftFactories.names()));
        require(system.equals("kvraft") || raft.equals(CORRECT), "--raft applies only to --system kvraft");
        require(Workloads.NAMES.contains(workload),
                "unknown workload '" + workload + "'; valid: " + String.join(", ", Workloads.NAMES));
        require(BACKENDS.contains(backend), "unknown backend '" + backend + "'; valid: " + String.join(", ", BACKENDS));
        require(nodes >= 1 && nodes <= 9, "--nodes must be in 1..9, was " + nodes);
        require(!system.equals("kvsrv") || nodes == 1, "kvsrv is a single server: --nodes must be 1, was " + nodes);
        require(system.equals("kvsrv") || nodes >= 3, "kvraft needs at least 3 nodes to tolerate a fault, was " + nodes);
        require(concurrency >= 1 && concurrency <= 256, "--concurrency must be in 1..256, was " + concurrency);
        require(timeLimitS >= 1 && timeLimitS <= 86_400, "--time-limit must be in 1..86400 seconds, was " + timeLimitS);
        nemeses = List.copyOf(nemeses);
        for (String n : nemeses) {
            require(NEMESES.contains(n), "unknown nemesis '" + n + "'; valid: " + String.join(", ", NEMESES) + ", none, all");
            require(!system.equals("kvsrv") || KVSRV_NEMESES.contains(n),
                    "nemesis '" + n + "' does not apply to kvsrv (one in-memory server); valid: " + String.join(", ", KVSRV_NEMESES));
        }
        require(nemesisIntervalS > 0 && nemesisIntervalS <= 3600, "--nemesis-interval must be in (0, 3600] seconds");
        require(opTimeoutMs >= 10 && opTimeoutMs <= 600_000, "--op-timeout must be in 10..600000 ms");
        require(maxRaftState == -1 || maxRaftState > 0, "--maxraftstate must be -1 (no snapshots) or > 0");
        require(checkBudgetS > 0, "--check-budget must be > 0");
        require(phaseSlackS >= 1, "phaseSlackS must be >= 1");
    }

    /** The variant names of {@code system}: {@code faultline} first, then its planted bugs. */
    public static List<String> variants(String system) {
        List<String> out = new ArrayList<>();
        out.add(CORRECT);
        if (system.equals("kvraft")) {
            for (KvRaftVariant v : KvRaftVariant.values()) {
                if (v != KvRaftVariant.CORRECT) {
                    out.add(v.label);
                }
            }
        } else if (system.equals("kvsrv")) {
            for (Clerk.Variant v : Clerk.Variant.values()) {
                if (v != Clerk.Variant.CORRECT) {
                    out.add(v.label);
                }
            }
        }
        return out;
    }

    /** The variant label the system itself uses ({@code kvraft} / {@code kvsrv} for the correct one). */
    public String systemVariantLabel() {
        return variant.equals(CORRECT) ? system : variant;
    }

    /** {@code <system>-<workload>}, plus the variant and Raft when they are planted bugs. */
    public String name() {
        return system + "-" + workload + (variant.equals(CORRECT) ? "" : "-" + variant) + (raft.equals(CORRECT) ? "" : "-raft-" + raft);
    }

    public List<String> nodeNames() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            out.add("n" + i);
        }
        return out;
    }

    /** The fields of test.json that come from the spec (docs/store.md). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name());
        m.put("system", system);
        m.put("variant", variant);
        m.put("raft", raft);
        m.put("workload", workload);
        m.put("backend", backend);
        m.put("nodes", nodeNames());
        m.put("concurrency", concurrency);
        m.put("timeLimitS", timeLimitS);
        m.put("seed", seed);
        m.put("nemeses", nemeses);
        m.put("nemesisIntervalS", nemesisIntervalS);
        m.put("opTimeoutMs", opTimeoutMs);
        m.put("maxRaftState", maxRaftState);
        m.put("checkBudgetS", checkBudgetS);
        m.put("command", command);
        return m;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
