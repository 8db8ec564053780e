package io.faultline.raft.core;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;
import io.faultline.raft.core.RaftMessage.AppendEntries;
import io.faultline.raft.core.RaftMessage.AppendEntriesReply;
import io.faultline.raft.core.RaftMessage.InstallSnapshot;
import io.faultline.raft.core.RaftMessage.InstallSnapshotReply;
import io.faultline.raft.core.RaftMessage.RequestVote;
import io.faultline.raft.core.RaftMessage.RequestVoteReply;
import java.util.Arrays;
import java.util.List;

/**
 * Raft with no I/O, in the style of etcd-io/raft. Inputs: {@link #tick}, {@link #stepRequest},
 * {@link #stepReply}, {@link #propose}, {@link #compact}. Output: a {@link Ready} that the driver
 * persists, sends and applies, then hands back with {@link #advance}. One Ready at a time.
 *
 * <p>Not thread-safe; the driver calls it from the node's single context.
 */
public final class RaftCore {
    private static final int NONE = -1;
    /** Most committed entries handed to the service in one Ready; the rest follow in the next. */
    public static final int APPLY_ENTRIES_PER_READY_MAX = 4096;

    private final int id;
    private final RaftConfig config;
    private final CoreOptions options;
    private final Rng rng;
    private final RaftLog log;
    private final Replication replication;

    private long term;
    private int votedFor = NONE;
    private RaftStatus.Role role = RaftStatus.Role.FOLLOWER;
    private int leader = NONE;
    private long commitIndex;
    /** Last index handed to the service in a Ready (committed entries or snapshot). */
    private long appliedHandedOut;
    /** Last log index known durable on this node (used for the leader's own match). */
    private long stableIndex;

    private int electionElapsedTicks;
    private int electionTimeoutTicks;
    private final boolean[] votesGranted;
    private byte[] snapshotData;

    private final Unstable unstable;

    public RaftCore(int id, RaftConfig config, CoreOptions options, Rng rng, PersistentState restored) {
        Check.that(id >= 0 && id < config.nodeCount(), "id %s outside 0..%s", id, config.nodeCount() - 1);
        this.id = id;
        this.config = config;
        this.options = Check.notNull(options, "options");
        this.rng = Check.notNull(rng, "rng");
        Snapshot snap = restored.snapshot();
        this.log = snap == null ? new RaftLog(0, 0) : new RaftLog(snap.index(), snap.term());
        this.snapshotData = snap == null ? null : snap.data();
        for (Entry e : restored.entries()) {
            log.append(e);
        }
        HardState hs = restored.hardState();
        this.term = Math.max(hs.term(), log.lastTerm());
        this.votedFor = hs.term() == term ? hs.votedFor() : NONE;
        this.commitIndex = log.snapshotIndex();
        this.appliedHandedOut = log.snapshotIndex();
        this.stableIndex = log.lastIndex();
        this.unstable = new Unstable(hs, log.lastIndex(), snap);
        this.votesGranted = new boolean[config.nodeCount()];
        this.replication = new Replication(this, config);
        resetElectionTimer();
    }

    // ---------------------------------------------------------------- inputs

    /** One driver tick: election timeout for followers and candidates, heartbeat for the leader. */
    public void tick() {
        if (role == RaftStatus.Role.LEADER) {
            replication.tickHeartbeat();
        } else {
            tickElection();
        }
    }

    /** Proposes a command: appended at once if leader, sent with the next Ready. */
    public StartResult propose(byte[] command) {
        Check.notNull(command, "command");
        if (role != RaftStatus.Role.LEADER) {
            return StartResult.notLeader(term);
        }
        Entry e = new Entry(log.lastIndex() + 1, term, command);
        log.append(e);
        replication.markBroadcastPending();
        if (config.nodeCount() == 1) {
            replication.maybeCommit();
        }
        return new StartResult(e.index(), term, true);
    }

    /** How {@link #readIndex} took a read. */
    public enum ReadStart {
        /** Registered: its outcome comes out of {@link #takeReadOutcomes}. */
        PENDING,
        NOT_LEADER,
        /** Leader, but no entry of this term is committed yet, so the commit index may lag: use the log. */
        USE_LOG
    }

    /**
     * A ReadIndex read (thesis §6.4), identified by {@code ctx}: if leader with an entry of its term
     * committed, records the commit index and waits for a heartbeat round to confirm leadership.
     * The service may read its state once it has applied through the confirmed index.
     */
    public ReadStart readIndex(long ctx) {
        if (role != RaftStatus.Role.LEADER) {
            return ReadStart.NOT_LEADER;
        }
        if (log.termAt(commitIndex) != term) {
            return ReadStart.USE_LOG;
        }
        replication.reads().register(ctx, commitIndex, !options.confirmReads());
        return ReadStart.PENDING;
    }

    /** Reads confirmed or failed since the last call, each once. */
    public List<ReadConfirmation> takeReadOutcomes() {
        return replication.reads().takeOutcomes();
    }

    /**
     * A request from {@code from}. Its reply goes out in a later Ready, tagged with {@code replyToken},
     * after the state it depends on is durable.
     */
    public void stepRequest(int from, RaftMessage request, long replyToken) {
        Check.that(replyToken >= 0, "replyToken %s must be >= 0", replyToken);
        Check.that(from >= 0 && from < config.nodeCount() && from != id, "bad sender %s", from);
        if (request instanceof RequestVote rv) {
            handleRequestVote(from, rv, replyToken);
        } else if (request instanceof AppendEntries ae) {
            handleAppendEntries(from, ae, replyToken);
        } else if (request instanceof InstallSnapshot is) {
            handleInstallSnapshot(from, is, replyToken);
        } else {
            throw new IllegalArgumentException("not a request: " + request);
        }
    }

    /** The outcome of a request this core sent: its reply, or null if the call failed. */
    public void stepReply(Outgoing sent, RaftMessage reply) {
        Check.that(!sent.isReply(), "stepReply with a reply %s", sent);
        if (reply != null && reply.term() > term) {
            becomeFollower(reply.term(), NONE);
            return;
        }
        if (sent.message().term() != term) {
            return; // answers a request from an earlier term
        }
        if (sent.message() instanceof RequestVote) {
            if (reply instanceof RequestVoteReply r) {
                handleVoteReply(sent.to(), r);
            }
        } else if (role == RaftStatus.Role.LEADER) {
            replication.handleOutcome(sent, reply);
        }
    }

    /**
     * The service has a snapshot through {@code index} (already handed to it): discard the log up
     * to there. May be called while a Ready is being applied.
     */
    public void compact(long index, byte[] data) {
        Check.notNull(data, "snapshot data");
        Check.that(index <= appliedHandedOut, "snapshot index %s beyond applied %s", index, appliedHandedOut);
        if (index <= log.snapshotIndex()) {
            return;
        }
        Check.that(index < unstable.unstableFrom(), "snapshot index %s not yet persisted", index);
        long snapTerm = log.termAt(index);
        log.compactTo(index, snapTerm);
        snapshotData = data;
        unstable.saveSnapshot(new Snapshot(index, snapTerm, data));
    }

    // ---------------------------------------------------------------- ready / advance

    public boolean hasReady() {
        if (unstable.inFlight()) {
            return false;
        }
        return unstable.hasOutput(currentHardState(), log.lastIndex())
                || commitIndex > Math.max(appliedHandedOut, log.snapshotIndex())
                || replication.broadcastPending();
    }

    public Ready ready() {
        replication.maybeBroadcast();
        HardState hs = currentHardState();
        HardState persisted = options.persistVote() ? hs : new HardState(hs.term(), HardState.NO_VOTE);
        long applyFrom = Math.max(appliedHandedOut, log.snapshotIndex()) + 1;
        List<Entry> toApply = applyFrom <= commitIndex
                ? log.slice(applyFrom, commitIndex, APPLY_ENTRIES_PER_READY_MAX, Long.MAX_VALUE) : List.of();
        Ready rd = unstable.take(hs, persisted, log, toApply);
        if (!toApply.isEmpty()) {
            appliedHandedOut = toApply.get(toApply.size() - 1).index();
        }
        return rd;
    }

    /** The driver has persisted, sent and applied {@code rd}. */
    public void advance(Ready rd) {
        unstable.advance(rd);
        if (!rd.entries().isEmpty()) {
            Entry last = rd.entries().get(rd.entries().size() - 1);
            if (log.termAt(last.index()) == last.term()) {
                stableIndex = Math.max(stableIndex, last.index());
            }
        }
        if (role == RaftStatus.Role.LEADER) {
            replication.maybeCommit();
        }
    }

    // ---------------------------------------------------------------- status

    public RaftStatus status(long lastApplied) {
        return new RaftStatus(term, role, commitIndex, lastApplied, leader);
    }

    public long term() {
        return term;
    }

    public RaftStatus.Role role() {
        return role;
    }

    public long commitIndex() {
        return commitIndex;
    }

    public long lastIndex() {
        return log.lastIndex();
    }

    public long snapshotIndex() {
        return log.snapshotIndex();
    }

    /** Term of the entry at {@code index}: 0 at index 0, -1 if compacted away or beyond the end. */
    public long termAt(long index) {
        return log.termAt(index);
    }

    public int id() {
        return id;
    }

    public int votedFor() {
        return votedFor;
    }

    /** One line for logs and status pages: role, term, log bounds, commit, and the leader's progress. */
    public String describe() {
        return "raft " + id + " " + role + " term=" + term + " vote=" + votedFor + " leader=" + leader + " log=("
                + log.snapshotIndex() + ".." + log.lastIndex() + "] lastTerm=" + log.lastTerm() + " commit="
                + commitIndex + " handedOut=" + appliedHandedOut + " stable=" + stableIndex + " electionElapsed="
                + electionElapsedTicks + "/" + electionTimeoutTicks + replication.describe() + replication.reads().describe()
                + unstable.describe();
    }

    // ---------------------------------------------------------------- elections (§5.2, §5.4.1)

    private void tickElection() {
        electionElapsedTicks++;
        if (electionElapsedTicks >= electionTimeoutTicks) {
            campaign();
        }
    }

    private void campaign() {
        becomeCandidate();
        if (quorumReached(votesGranted)) {
            becomeLeader();
            return;
        }
        RequestVote rv = new RequestVote(term, log.lastIndex(), log.lastTerm());
        for (int p = 0; p < config.nodeCount(); p++) {
            if (p != id) {
                unstable.send(new Outgoing(p, rv, Outgoing.REQUEST, false));
            }
        }
    }

    private void becomeCandidate() {
        term++;
        votedFor = id;
        role = RaftStatus.Role.CANDIDATE;
        leader = NONE;
        Arrays.fill(votesGranted, false);
        votesGranted[id] = true;
        resetElectionTimer();
    }

    void becomeFollower(long newTerm, int newLeader) {
        Check.that(newTerm >= term, "term going back from %s to %s", term, newTerm);
        if (newTerm > term) {
            term = newTerm;
            votedFor = NONE;
        }
        boolean wasLeader = role == RaftStatus.Role.LEADER;
        role = RaftStatus.Role.FOLLOWER;
        leader = newLeader;
        replication.reset();
        // Figure 2: only a current leader's AppendEntries or a granted vote reset the election
        // timer; a higher term alone (e.g. a stale candidate's RequestVote) does not.
        if (wasLeader) {
            resetElectionTimer();
        }
    }

    private void becomeLeader() {
        Check.that(role == RaftStatus.Role.CANDIDATE, "becomeLeader from %s", role);
        role = RaftStatus.Role.LEADER;
        leader = id;
        replication.becomeLeader();
    }

    private void handleRequestVote(int from, RequestVote rv, long token) {
        if (rv.term() > term) {
            becomeFollower(rv.term(), NONE);
        }
        boolean granted = false;
        if (rv.term() == term && (votedFor == NONE || votedFor == from)
                && (!options.checkVoterLog() || candidateLogUpToDate(rv))) {
            votedFor = from;
            granted = true;
            electionElapsedTicks = 0;
        }
        reply(from, token, new RequestVoteReply(term, granted));
    }

    /** §5.4.1: the candidate's last term is higher, or equal with a log at least as long. */
    private boolean candidateLogUpToDate(RequestVote rv) {
        return rv.lastLogTerm() > log.lastTerm()
                || (rv.lastLogTerm() == log.lastTerm() && rv.lastLogIndex() >= log.lastIndex());
    }

    private void handleVoteReply(int from, RequestVoteReply r) {
        if (role != RaftStatus.Role.CANDIDATE || r.term() != term || !r.granted()) {
            return;
        }
        votesGranted[from] = true;
        if (quorumReached(votesGranted)) {
            becomeLeader();
        }
    }

    private boolean quorumReached(boolean[] granted) {
        int n = 0;
        for (boolean g : granted) {
            n += g ? 1 : 0;
        }
        return n >= quorum();
    }

    int quorum() {
        return config.nodeCount() / 2 + 1;
    }

    private void resetElectionTimer() {
        electionElapsedTicks = 0;
        electionTimeoutTicks = (int) rng.between(config.electionTicksMin(), config.electionTicksMax());
    }

    // ---------------------------------------------------------------- followers (§5.3, §7)

    /** Common to AppendEntries and InstallSnapshot: false if stale; otherwise follow the sender. */
    private boolean acceptLeader(int from, long msgTerm) {
        if (msgTerm < term) {
            return false;
        }
        if (msgTerm > term || role != RaftStatus.Role.FOLLOWER || leader != from) {
            becomeFollower(msgTerm, from);
            resetElectionTimer();
        }
        electionElapsedTicks = 0;
        return true;
    }

    private void handleAppendEntries(int from, AppendEntries ae, long token) {
        if (!acceptLeader(from, ae.term())) {
            reply(from, token, new AppendEntriesReply(term, false, 0, 0, 0));
            return;
        }
        long prev = ae.prevLogIndex();
        long prevTerm = ae.prevLogTerm();
        List<Entry> entries = ae.entries();
        long lastNew = prev + entries.size();
        if (prev < log.snapshotIndex()) {
            // Entries through the snapshot are committed, hence identical: skip them.
            int skip = (int) Math.min(entries.size(), log.snapshotIndex() - prev);
            entries = entries.subList(skip, entries.size());
            prev = log.snapshotIndex();
            prevTerm = log.snapshotTerm();
            if (entries.isEmpty()) {
                reply(from, token, new AppendEntriesReply(term, true, lastNew, 0, 0));
                return;
            }
        }
        if (prev > log.lastIndex() || log.termAt(prev) != prevTerm) {
            // Fast backup hint: no index in (hint, prev] can match, because there our term is
            // above prevTerm while the leader's terms are at most prevTerm.
            long hint = log.lastIndexWithTermAtMost(prevTerm, Math.min(prev, log.lastIndex()));
            reply(from, token, new AppendEntriesReply(term, false, 0, hint + 1, log.termAt(hint)));
            return;
        }
        appendFromLeader(entries);
        long leaderKnownCommit = Math.min(ae.leaderCommit(), lastNew);
        if (leaderKnownCommit > commitIndex) {
            commitIndex = leaderKnownCommit;
        }
        reply(from, token, new AppendEntriesReply(term, true, lastNew, 0, 0));
    }

    /** §5.3: skip entries already present; truncate at the first conflict, then append the rest. */
    private void appendFromLeader(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.index() <= log.lastIndex()) {
                if (log.termAt(e.index()) == e.term()) {
                    continue;
                }
                // The planted Figure 8 variant breaks the rule this net guards, knowingly; it runs
                // without the net, like the buggy Rafts it stands for, so the lab harness must catch it.
                if (options.commitOnlyCurrentTerm()) {
                    Check.that(e.index() > commitIndex, "leader overwrites committed index %s (commit %s)",
                            e.index(), commitIndex);
                }
                truncateFrom(e.index());
            }
            log.append(e);
        }
    }

    private void truncateFrom(long index) {
        log.truncateFrom(index);
        stableIndex = Math.min(stableIndex, index - 1);
        unstable.truncatedFrom(index);
    }

    private void handleInstallSnapshot(int from, InstallSnapshot is, long token) {
        if (!acceptLeader(from, is.term())) {
            reply(from, token, new InstallSnapshotReply(term, 0));
            return;
        }
        Check.that(is.lastIncludedIndex() >= 1, "InstallSnapshot at index %s", is.lastIncludedIndex());
        long index = is.lastIncludedIndex();
        if (index > commitIndex) {
            installSnapshot(new Snapshot(index, is.lastIncludedTerm(), is.data()));
        }
        reply(from, token, new InstallSnapshotReply(term, index));
    }

    private void installSnapshot(Snapshot snap) {
        long index = snap.index();
        if (index <= log.lastIndex() && log.termAt(index) == snap.term()) {
            log.compactTo(index, snap.term()); // §7: keep the entries that follow it
            unstable.compactedTo(index);
        } else {
            log.resetTo(index, snap.term());
            unstable.resetTo(index);
            stableIndex = index;
        }
        snapshotData = snap.data();
        commitIndex = index;
        appliedHandedOut = index;
        unstable.saveSnapshot(snap);
        unstable.applySnapshot(snap);
    }

    private void reply(int to, long token, RaftMessage m) {
        unstable.send(new Outgoing(to, m, token, false));
    }

    // ---------------------------------------------------------------- for Replication

    RaftLog log() {
        return log;
    }

    long stableIndex() {
        return stableIndex;
    }

    byte[] snapshotData() {
        return snapshotData;
    }

    CoreOptions options() {
        return options;
    }

    void send(Outgoing out) {
        unstable.send(out);
    }

    void setCommitIndex(long index) {
        Check.that(index >= commitIndex, "commit index going back from %s to %s", commitIndex, index);
        commitIndex = index;
    }

    private HardState currentHardState() {
        return new HardState(term, votedFor);
    }
}
