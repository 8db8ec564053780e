package io.faultline.labs.raft;

import io.faultline.core.Check;
import java.util.TreeMap;

/**
 * Election Safety (Raft §5.2, Figure 3: at most one leader per term), checked over every leader
 * claim the harness sees: every {@code Start} that returns isLeader and every status that says
 * LEADER. The Go harness only compares leaders seen in the same instant; this ledger remembers
 * them, so two leaders of one term are caught even when they reign at different times. A correct
 * Raft can never trip it.
 */
final class LeaderLedger {
    /** Most terms remembered; a run that elects more is far outside what the lab tests do. */
    static final int TERMS_MAX = 1_000_000;

    private final TreeMap<Long, Integer> leaderOfTerm = new TreeMap<>();

    /** Records that {@code server} claims leadership of {@code term}; returns a violation or null. */
    synchronized String observe(int server, long term) {
        Integer earlier = leaderOfTerm.get(term);
        if (earlier == null) {
            Check.that(leaderOfTerm.size() < TERMS_MAX, "more than %s terms with a leader", TERMS_MAX);
            leaderOfTerm.put(term, server);
            return null;
        }
        if (earlier == server) {
            return null;
        }
        return String.format("election safety violated: servers %d and %d both claimed leadership of term %d",
                earlier, server, term);
    }
}
