package io.faultline.vertx.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what clients were told against the logs the nodes applied:
 * <ol>
 *   <li>log matching: every pair of nodes agrees on every index both have applied;</li>
 *   <li>every acknowledged command is in every node's log at the acknowledged index and term;</li>
 *   <li>no command reported as definitely not committed appears in any log;</li>
 *   <li>every logged command was proposed, and appears once.</li>
 * </ol>
 * A pure function of its inputs, so it is tested against hand-made broken histories.
 */
public final class DurabilityCheck {
    private DurabilityCheck() {}

    /** One entry of a node's applied log. */
    public record Entry(long index, long term, byte[] command) {}

    /** What a client was told about one command. */
    public record Outcome(byte[] command, RaftClient.Kind kind, long index, long term) {}

    /**
     * @param logs     each node's applied entries, in index order, starting at index 1
     * @param outcomes every proposal's outcome
     * @return the violations found (empty: all good), at most {@code violationsMax}
     */
    public static List<String> check(List<List<Entry>> logs, List<Outcome> outcomes, int violationsMax) {
        List<String> out = new ArrayList<>();
        for (int n = 0; n < logs.size(); n++) {
            List<Entry> log = logs.get(n);
            for (int k = 0; k < log.size(); k++) {
                if (log.get(k).index() != k + 1) {
                    add(out, violationsMax, "node " + n + ": position " + k + " holds index " + log.get(k).index());
                    break;
                }
            }
        }
        for (int a = 0; a < logs.size(); a++) {
            for (int b = a + 1; b < logs.size(); b++) {
                int common = Math.min(logs.get(a).size(), logs.get(b).size());
                for (int k = 0; k < common; k++) {
                    Entry x = logs.get(a).get(k);
                    Entry y = logs.get(b).get(k);
                    if (x.term() != y.term() || !Arrays.equals(x.command(), y.command())) {
                        add(out, violationsMax, "log matching: nodes " + a + " and " + b + " differ at index " + x.index()
                                + ": " + show(x) + " vs " + show(y));
                        break;
                    }
                }
            }
        }
        Map<String, Outcome> proposed = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            proposed.put(key(o.command()), o);
        }
        for (int n = 0; n < logs.size(); n++) {
            Map<String, Long> seen = new LinkedHashMap<>();
            for (Entry e : logs.get(n)) {
                String k = key(e.command());
                Long before = seen.put(k, e.index());
                if (before != null) {
                    add(out, violationsMax, "node " + n + ": command " + k + " applied twice, at " + before + " and " + e.index());
                }
                Outcome o = proposed.get(k);
                if (o == null) {
                    add(out, violationsMax, "node " + n + ": index " + e.index() + " holds a command nobody proposed: " + k);
                } else if (o.kind() == RaftClient.Kind.NOT_COMMITTED) {
                    add(out, violationsMax, "node " + n + ": index " + e.index() + " holds " + k
                            + ", which its client was told would never commit");
                }
            }
        }
        for (Outcome o : outcomes) {
            if (o.kind() != RaftClient.Kind.COMMITTED) {
                continue;
            }
            for (int n = 0; n < logs.size(); n++) {
                List<Entry> log = logs.get(n);
                Entry e = o.index() >= 1 && o.index() <= log.size() ? log.get((int) o.index() - 1) : null;
                if (e == null) {
                    add(out, violationsMax, "node " + n + ": acknowledged index " + o.index() + " (" + key(o.command())
                            + ") is missing; the log has " + log.size() + " entries");
                } else if (e.term() != o.term() || !Arrays.equals(e.command(), o.command())) {
                    add(out, violationsMax, "node " + n + ": acknowledged " + key(o.command()) + " at index " + o.index()
                            + " term " + o.term() + " but the log holds " + show(e));
                }
            }
        }
        return out;
    }

    private static void add(List<String> out, int max, String violation) {
        if (out.size() < max) {
            out.add(violation);
        }
    }

    private static String key(byte[] command) {
        return HexFormat.of().formatHex(command);
    }

    private static String show(Entry e) {
        return "(index " + e.index() + ", term " + e.term() + ", " + key(e.command()) + ")";
    }
}
