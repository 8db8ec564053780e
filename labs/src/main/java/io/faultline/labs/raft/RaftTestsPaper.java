package io.faultline.labs.raft;

import io.faultline.raft.api.StartResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Faultline's own Raft scenarios beyond the 28 of 6.5840, each named after the paper sentence it
 * checks (part "Paper"). They script an interleaving that the random 6.5840 tests reach only
 * rarely, so a Raft that breaks the rule fails on (almost) every seed.
 */
final class RaftTestsPaper {
    private RaftTestsPaper() {}

    static List<RaftLabTest> all() {
        return List.of(new RaftLabTest("TestFigure8CommitRulePaper", "Paper", 5, true, false, RaftTestsPaper::figure8),
                new RaftLabTest("TestVoteSurvivesRestartPaper", "Paper", 3, true, false, RaftTestsPaper::voteSurvivesRestart));
    }

    /** Attempts of {@link #voteSurvivesRestart}; each sets the trap with odds of about one half. */
    static final int DOUBLE_VOTE_ATTEMPTS = 8;

    /**
     * Raft §5.2 and Figure 2: votedFor is persistent state, because a server that voted, crashed and
     * restarted must not vote again in the same term (Election Safety, §5.2: at most one leader per
     * term). Three servers; each attempt:
     * <ol>
     *   <li>B crashes at term T (its term stays T); the leader crashes and restarts at once, so the
     *       two live servers hold an election: the winner A is elected in term X with the vote of
     *       the other, V (the attempt is skipped unless X = T + 1);
     *   <li>A is cut off (it stays a leader of term X on its own); V crashes and restarts (it
     *       remembers term X and, if its Raft is correct, its vote for A); B restarts at term T;
     *   <li>V and B are connected: if B times out first, it asks V for a vote in term X. A correct V
     *       refuses, and B leads only from term X + 1. A V that forgot its vote grants it, and B
     *       becomes a second leader of term X, which the election-safety ledger reports. If V times
     *       out first, it leads term X + 1 and the attempt proves nothing; hence several attempts.
     * </ol>
     */
    static void voteSurvivesRestart(RaftTester t) {
        int n = t.servers();
        RaftCluster c = t.cluster();
        for (int attempt = 0; attempt < DOUBLE_VOTE_ATTEMPTS; attempt++) {
            t.one(1000 + attempt, n, true);
            int leader0 = t.checkOneLeader();
            int b = (leader0 + 1 + t.randInt(n - 1)) % n;
            long termT = t.term(b);
            t.note("attempt " + attempt + ": B = " + b + " crashes at term " + termT);
            t.crash(b);
            t.crash(leader0);
            c.restart(leader0);
            c.connect(leader0);
            int a = t.checkOneLeader();
            long termX = t.term(a);
            int v = 3 - a - b;
            if (termX == termT + 1 && t.isUp(v) && t.term(v) == termX) {
                t.disconnect(a);
                t.crash(v);
                c.restart(v);
                c.restart(b);
                c.connect(v);
                c.connect(b);
                t.note("attempt " + attempt + ": A = " + a + " leads term " + termX + " alone; V = " + v
                        + " restarted; V and B connected");
                t.sleepMs(2_000);
                t.checkOneLeader(); // also surfaces a second leader of term X seen by the ledger
            } else {
                t.note("attempt " + attempt + ": skipped (term went from " + termT + " to " + termX + ")");
                c.restart(b);
            }
            t.connectAll();
        }
        t.one(2000, n, true);
    }

    /**
     * Raft §5.4.2 and Figure 8: a leader must not commit an entry from an earlier term by counting
     * replicas. Scripted with crashes and disconnects only:
     * <ol>
     *   <li>leader L1 appends A at index 2 and replicates it to one follower F only;
     *   <li>L1 crashes; the other three elect L2, which appends B at index 2 while cut off, then crashes;
     *   <li>L1 restarts with F and the remaining two; L1 or F (the only up-to-date logs) leads and
     *       spreads A to a majority, but no entry of its own term exists, so A must stay uncommitted;
     *   <li>that leader and its partner crash; L2 restarts and, having the newer last term, leads
     *       the remaining two, overwrites A with B and commits it with a new entry.
     * </ol>
     * A Raft that committed A in step 3 has applied A at index 2, and now applies B there: the
     * appliers' agreement check fails. A correct Raft applies B at index 2 everywhere.
     */
    static void figure8(RaftTester t) {
        int n = t.servers();
        t.one(1, n, true);
        int l1 = t.checkOneLeader();
        int f = (l1 + 1) % n;
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i != l1 && i != f) {
                others.add(i);
            }
        }
        // 1. A reaches F only.
        for (int i : others) {
            t.disconnect(i);
        }
        StartResult a = t.start(l1, Cmd.ofInt(101));
        if (!a.isLeader() || a.index() != 2) {
            throw t.fail("step 1: expected leader %d to accept A at index 2, got %s", l1, a);
        }
        t.sleepMs(300);
        // 2. L1 down, F cut off; the other three elect L2, which takes B alone.
        t.crash(l1);
        t.disconnect(f);
        for (int i : others) {
            t.connect(i);
        }
        int l2 = t.checkOneLeader();
        if (!others.contains(l2)) {
            throw t.fail("step 2: leader %d is not one of %s", l2, others);
        }
        t.disconnect(l2);
        StartResult b = t.start(l2, Cmd.ofInt(202));
        if (!b.isLeader() || b.index() != 2) {
            throw t.fail("step 2: expected cut-off leader %d to accept B at index 2, got %s", l2, b);
        }
        t.sleepMs(300); // B durable on L2
        t.crash(l2);
        // 3. L1 back with F and the two others: L1 or F leads and spreads A; nothing may commit it.
        t.restart(l1);
        int l3 = t.checkOneLeader();
        if (l3 != l1 && l3 != f) {
            throw t.fail("step 3: leader %d has a less up-to-date log than %d and %d (§5.4.1)", l3, l1, f);
        }
        t.sleepMs(1_000);
        // 4. Only L2 and the two without A's leader: L2 must win, overwrite A and commit B.
        t.crash(l1);
        t.crash(f);
        t.restart(l2);
        long index = t.one(303, n - 2, true);
        if (index < 3) {
            throw t.fail("step 4: C committed at index %d, expected 3 or later", index);
        }
        byte[] at2 = t.wait(2, n - 2, -1);
        if (at2 == null || !Cmd.isInt(at2) || Cmd.asInt(at2) != 202) {
            throw t.fail("step 4: index 2 should hold B (202) once L2 commits, found %s",
                    at2 == null ? "nothing" : Cmd.isInt(at2) ? Long.toString(Cmd.asInt(at2)) : "a string");
        }
        // Everyone back: all five agree.
        t.restart(l1);
        t.restart(f);
        t.one(404, n, true);
    }
}
