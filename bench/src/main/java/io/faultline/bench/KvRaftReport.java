package io.faultline.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text and JSON forms of a {@link KvRaftBench.Report}, with the comparison against etcd: for each
 * operation and in-flight setting, kvraft's ops/s over etcd's and etcd's p50 over kvraft's (both
 * above 1 mean kvraft is ahead), and the two targets (throughput at 256 in flight at least 3x
 * etcd's; p50 at 1 in flight below etcd's), judged for the kvraft group as large as the etcd
 * cluster; other group sizes are shown for information.
 */
public final class KvRaftReport {
    /** Throughput ratio kvraft must reach at {@link #TARGET_IN_FLIGHT_HIGH} in flight. */
    public static final double TARGET_RATIO = 3.0;
    public static final int TARGET_IN_FLIGHT_HIGH = 256;
    public static final int TARGET_IN_FLIGHT_LOW = 1;

    /** kvraft ({@code nodes} members) against etcd at one operation and in-flight setting. */
    public record Comparison(String op, int inFlight, int nodes, OpResult ours, OpResult etcd) {
        public double throughputRatio() {
            return ours.opsPerSecond() / etcd.opsPerSecond();
        }

        /** etcd's p50 over kvraft's: above 1 means kvraft's median is lower. */
        public double p50Ratio() {
            return etcd.percentileMs(50) / ours.percentileMs(50);
        }

        /** The target that applies at this setting, or null (targets compare equal group sizes only). */
        public String target() {
            if (nodes != KvRaftBench.ETCD_MEMBERS) {
                return null;
            }
            if (inFlight == TARGET_IN_FLIGHT_HIGH) {
                return String.format(Locale.ROOT, "ops/s >= %.0fx etcd", TARGET_RATIO);
            }
            return inFlight == TARGET_IN_FLIGHT_LOW ? "p50 below etcd's" : null;
        }

        /** Whether the target at this setting is met (false when none applies). */
        public boolean met() {
            if (target() == null) {
                return false;
            }
            if (inFlight == TARGET_IN_FLIGHT_HIGH) {
                return throughputRatio() >= TARGET_RATIO;
            }
            return inFlight == TARGET_IN_FLIGHT_LOW && ours.percentileMs(50) < etcd.percentileMs(50);
        }
    }

    private KvRaftReport() {}

    /** kvraft against etcd for every setting both measured, kvraft group sizes in the order run. */
    public static List<Comparison> comparisons(KvRaftBench.Report r) {
        List<Comparison> out = new ArrayList<>();
        for (int nodes : r.options().nodes()) {
            for (OpResult ours : r.results()) {
                if (!ours.system().equals("faultline") || ours.nodes() != nodes) {
                    continue;
                }
                for (OpResult etcd : r.results()) {
                    if (etcd.system().equals("etcd") && etcd.op().equals(ours.op()) && etcd.inFlight() == ours.inFlight()
                            && etcd.ops() > 0 && ours.ops() > 0) {
                        out.add(new Comparison(ours.op(), ours.inFlight(), nodes, ours, etcd));
                    }
                }
            }
        }
        return out;
    }

    public static void printText(KvRaftBench.Report r, PrintStream out) {
        KvRaftBench.Options o = r.options();
        out.printf(Locale.ROOT, "faultline bench kvraft: %d-byte keys, %d-byte values, %.1f s measured after %.1f s warm-up per"
                + " setting; fsync on; started %s; load average %s at start, %s at end%n", o.keyBytes(), o.valueBytes(),
                o.seconds(), o.warmupSeconds(), r.startedAt(), r.loadBefore(), r.loadAfter());
        out.println("kvraft Gets: " + (o.reads().equals(KvRaftBench.READS_INDEX)
                ? "read-index (ReadIndex: a heartbeat round, no log entry)" : "log (an fsynced log entry each batch)"));
        out.println(r.peerSkipped() == null ? "peer: " + r.peerVersion() + ", " + KvRaftBench.ETCD_MEMBERS
                + " members, default durability, jetcd client" : "peer: SKIPPED: " + r.peerSkipped());
        for (KvRaftBench.Floor f : r.floors()) {
            out.printf(Locale.ROOT, "fsync floor before %s (%d-byte append + fdatasync): mean %.0f us, p50 %.0f us, p99 %.0f us%n",
                    f.before(), KvRaftBench.FLOOR_RECORD_BYTES, f.result().meanMicros(),
                    f.result().latencyNanos().getValueAtPercentile(50) / 1e3,
                    f.result().latencyNanos().getValueAtPercentile(99) / 1e3);
        }
        out.printf(Locale.ROOT, "%-9s %5s %3s %9s %10s %8s %8s %9s %10s %7s %6s%n", "system", "nodes", "op", "in-flight",
                "ops/s", "p50 ms", "p99 ms", "p99.9 ms", "errVersion", "retries", "errors");
        for (OpResult x : r.results()) {
            out.printf(Locale.ROOT, "%-9s %5d %3s %9d %10.0f %8.3f %8.3f %9.3f %10d %7d %6d%n", x.system(), x.nodes(), x.op(),
                    x.inFlight(), x.opsPerSecond(), x.percentileMs(50), x.percentileMs(99), x.percentileMs(99.9),
                    x.errVersion(), x.retries(), x.errors());
        }
        List<Comparison> cs = comparisons(r);
        if (cs.isEmpty()) {
            out.println("no comparison with etcd" + (r.peerSkipped() == null ? "" : " (peer skipped)"));
            return;
        }
        out.printf(Locale.ROOT, "%nkvraft vs etcd (%d members), same run:%n", KvRaftBench.ETCD_MEMBERS);
        out.printf(Locale.ROOT, "%5s %3s %9s %14s %18s  %s%n", "nodes", "op", "in-flight", "ops/s ratio", "p50 etcd/kvraft",
                "target");
        for (Comparison c : cs) {
            String t = c.target() == null ? "" : c.target() + ": " + (c.met() ? "MET" : "NOT MET");
            out.printf(Locale.ROOT, "%5d %3s %9d %13.2fx %17.2fx  %s%n", c.nodes(), c.op(), c.inFlight(), c.throughputRatio(),
                    c.p50Ratio(), t);
        }
    }

    public static JsonObject toJson(KvRaftBench.Report r) {
        KvRaftBench.Options o = r.options();
        JsonArray results = new JsonArray();
        for (OpResult x : r.results()) {
            results.add(new JsonObject().put("system", x.system()).put("nodes", x.nodes()).put("op", x.op())
                    .put("inFlight", x.inFlight()).put("ops", x.ops()).put("seconds", x.seconds())
                    .put("opsPerSecond", x.opsPerSecond()).put("p50Ms", num(x.percentileMs(50)))
                    .put("p99Ms", num(x.percentileMs(99))).put("p999Ms", num(x.percentileMs(99.9)))
                    .put("errVersion", x.errVersion()).put("retries", x.retries()).put("errors", x.errors()));
        }
        JsonArray comparisons = new JsonArray();
        for (Comparison c : comparisons(r)) {
            comparisons.add(new JsonObject().put("nodes", c.nodes()).put("op", c.op()).put("inFlight", c.inFlight())
                    .put("throughputRatio", c.throughputRatio()).put("p50RatioEtcdOverKvraft", num(c.p50Ratio()))
                    .put("target", c.target()).put("met", c.target() == null ? null : c.met()));
        }
        JsonArray floors = new JsonArray();
        for (KvRaftBench.Floor f : r.floors()) {
            floors.add(new JsonObject().put("before", f.before()).put("recordBytes", KvRaftBench.FLOOR_RECORD_BYTES)
                    .put("meanUs", f.result().meanMicros())
                    .put("p50Us", f.result().latencyNanos().getValueAtPercentile(50) / 1e3)
                    .put("p99Us", f.result().latencyNanos().getValueAtPercentile(99) / 1e3));
        }
        return new JsonObject().put("startedAt", r.startedAt()).put("loadBefore", r.loadBefore()).put("loadAfter", r.loadAfter())
                .put("keyBytes", o.keyBytes()).put("valueBytes", o.valueBytes()).put("seconds", o.seconds())
                .put("warmupSeconds", o.warmupSeconds()).put("kvraftReads", o.reads())
                .put("peer", new JsonObject().put("name", o.peer()).put("version", r.peerVersion())
                        .put("members", r.peerSkipped() == null ? KvRaftBench.ETCD_MEMBERS : null)
                        .put("skipped", r.peerSkipped()))
                .put("fsyncFloors", floors).put("results", results).put("comparisons", comparisons);
    }

    private static Double num(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
    }
}
