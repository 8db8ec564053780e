package io.faultline.raft.core;

/**
 * Switches for the planted-bug variants. {@link #STANDARD} is correct Raft; each other value breaks
 * exactly one rule so the test suites can prove they catch it.
 *
 * @param checkVoterLog   §5.4.1: grant a vote only to a candidate whose log is at least as up to date
 * @param commitOnlyCurrentTerm §5.4.2: commit by counting replicas only entries of the current term
 * @param persistVote     §5.1/Figure 2: votedFor is persistent state
 * @param confirmReads    thesis §6.4: a ReadIndex read waits until a majority answered a heartbeat round
 *                        sent after it arrived (without it, a deposed leader serves stale reads)
 */
public record CoreOptions(boolean checkVoterLog, boolean commitOnlyCurrentTerm, boolean persistVote,
        boolean confirmReads) {
    public static final CoreOptions STANDARD = new CoreOptions(true, true, true, true);
    public static final CoreOptions BUG_VOTE_NO_LOG_CHECK = new CoreOptions(false, true, true, true);
    public static final CoreOptions BUG_FIGURE8_COMMIT = new CoreOptions(true, false, true, true);
    public static final CoreOptions BUG_FORGET_VOTE = new CoreOptions(true, true, false, true);
    public static final CoreOptions BUG_READ_NO_QUORUM = new CoreOptions(true, true, true, false);
}
