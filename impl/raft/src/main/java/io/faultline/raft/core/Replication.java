package io.faultline.raft.core;

import io.faultline.core.Check;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.core.RaftMessage.AppendEntries;
import io.faultline.raft.core.RaftMessage.AppendEntriesReply;
import io.faultline.raft.core.RaftMessage.InstallSnapshot;
import io.faultline.raft.core.RaftMessage.InstallSnapshotReply;
import java.util.Arrays;
import java.util.List;

/**
 * The leader's half of the core: per-follower {@link Progress}, AppendEntries batching and
 * pipelining, heartbeats, fast backup, InstallSnapshot and the commit rule (§5.3, §5.4.2, §7).
 */
final class Replication {
    /**
     * After this many failed calls in a row, probes carry no entries and no snapshot is sent until
     * the follower answers something.
     */
    static final int PROBE_FAILURES_WITH_ENTRIES_MAX = 2;

    private final RaftCore core;
    private final RaftConfig config;
    private final Progress[] progress;
    private final ReadRounds reads;
    private int heartbeatElapsedTicks;
    private boolean broadcastPending;

    Replication(RaftCore core, RaftConfig config) {
        this.core = core;
        this.config = config;
        this.progress = new Progress[config.nodeCount()];
        this.reads = new ReadRounds(core.id(), config.nodeCount(), core.quorum(), config.electionTicksMax());
    }

    void reset() {
        Arrays.fill(progress, null);
        broadcastPending = false;
        reads.failAll();
    }

    ReadRounds reads() {
        return reads;
    }

    void becomeLeader() {
        long next = core.log().lastIndex() + 1;
        for (int p = 0; p < progress.length; p++) {
            progress[p] = p == core.id() ? null : new Progress(next);
        }
        heartbeatElapsedTicks = 0;
        reads.failAll();
        // Announce leadership at once: a probe to every follower (no entries: next is past the end).
        for (int p = 0; p < progress.length; p++) {
            if (progress[p] != null) {
                maybeSendAppend(p);
            }
        }
        maybeCommit();
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < progress.length; p++) {
            if (progress[p] != null) {
                sb.append(" p").append(p).append('=').append(progress[p]);
            }
        }
        return sb.toString();
    }

    boolean broadcastPending() {
        return broadcastPending || reads.shouldStartRound();
    }

    void markBroadcastPending() {
        broadcastPending = true;
    }

    /** Called at ready(): new proposals since the last Ready go out batched, one message per follower. */
    void maybeBroadcast() {
        if (reads.shouldStartRound()) {
            // A ReadIndex round: every follower gets a request tagged with it, new entries or a heartbeat.
            reads.startRound();
            broadcastPending = false;
            sendToAll();
            return;
        }
        if (!broadcastPending) {
            return;
        }
        broadcastPending = false;
        for (int p = 0; p < progress.length; p++) {
            if (progress[p] != null) {
                maybeSendAppend(p);
            }
        }
    }

    void tickHeartbeat() {
        reads.tick();
        heartbeatElapsedTicks++;
        if (heartbeatElapsedTicks < config.heartbeatTicks()) {
            return;
        }
        heartbeatElapsedTicks = 0;
        if (reads.hasPending()) {
            reads.startRound(); // the outstanding round may be lost: these heartbeats replace it
        }
        sendToAll();
    }

    /** Entries where the window allows, else a heartbeat, to every follower. */
    private void sendToAll() {
        for (int p = 0; p < progress.length; p++) {
            Progress pr = progress[p];
            if (pr == null) {
                continue;
            }
            if (!maybeSendAppend(p)) {
                sendHeartbeat(p, pr);
            }
        }
    }

    /**
     * An empty AppendEntries: it asserts leadership and carries the commit index, but never re-sends
     * entries that are in flight. It sits at the follower's known match, or, while probing, at
     * {@code next - 1} so that backing up goes on even while a probe's reply is slow.
     */
    private void sendHeartbeat(int to, Progress pr) {
        RaftLog log = core.log();
        long prev;
        if (pr.state == Progress.State.PROBE && pr.next - 1 >= log.snapshotIndex()) {
            prev = pr.next - 1;
        } else {
            prev = pr.match >= log.snapshotIndex() ? pr.match : 0;
        }
        long prevTerm = prev == 0 ? 0 : log.termAt(prev);
        Check.that(prevTerm != RaftLog.UNKNOWN_TERM, "heartbeat prev %s has no term", prev);
        core.send(new Outgoing(to, new AppendEntries(core.term(), prev, prevTerm, List.of(), core.commitIndex()),
                Outgoing.REQUEST, false, reads.currentRound()));
    }

    /** Sends what the follower's window allows; returns true if anything was sent. */
    boolean maybeSendAppend(int to) {
        Progress pr = progress[to];
        RaftLog log = core.log();
        boolean sent = false;
        while (canSend(pr)) {
            boolean unreachable = pr.state == Progress.State.PROBE
                    && pr.failuresInARow >= PROBE_FAILURES_WITH_ENTRIES_MAX;
            if (pr.next <= log.snapshotIndex()) {
                if (unreachable) {
                    return false; // a plain heartbeat finds out whether it is back first
                }
                sendSnapshot(to, pr);
                return true;
            }
            long prev = pr.next - 1;
            List<Entry> entries = unreachable ? List.of() : log.slice(pr.next, log.lastIndex(),
                    config.entriesPerAppendMax(), config.bytesPerAppendMax());
            if (pr.state == Progress.State.REPLICATE && entries.isEmpty()) {
                break;
            }
            Check.that(entries.size() <= config.entriesPerAppendMax(), "batch of %s entries", entries.size());
            core.send(new Outgoing(to, new AppendEntries(core.term(), prev, log.termAt(prev), entries,
                    core.commitIndex()), Outgoing.REQUEST, true, reads.currentRound()));
            pr.inflight++;
            sent = true;
            if (pr.state != Progress.State.REPLICATE) {
                break;
            }
            pr.next = prev + entries.size() + 1;
        }
        Check.that(pr.inflight <= config.inflightAppendsMax(), "inflight %s over max", pr.inflight);
        return sent;
    }

    private boolean canSend(Progress pr) {
        return switch (pr.state) {
            case PROBE -> pr.inflight == 0;
            case REPLICATE -> pr.inflight < config.inflightAppendsMax();
            case SNAPSHOT -> false;
        };
    }

    private void sendSnapshot(int to, Progress pr) {
        RaftLog log = core.log();
        Check.notNull(core.snapshotData(), "snapshot data");
        core.send(new Outgoing(to, new InstallSnapshot(core.term(), log.snapshotIndex(), log.snapshotTerm(),
                core.snapshotData()), Outgoing.REQUEST, true, reads.currentRound()));
        pr.state = Progress.State.SNAPSHOT;
        pr.inflight++;
    }

    /** The reply to (or failure of) a request sent in the current term while leader. */
    void handleOutcome(Outgoing sent, RaftMessage reply) {
        Progress pr = progress[sent.to()];
        Check.notNull(pr, "progress of " + sent.to());
        if (sent.inflight()) {
            pr.inflight = Math.max(0, pr.inflight - 1);
        }
        pr.failuresInARow = reply == null ? pr.failuresInARow + 1 : 0;
        if (reply != null) {
            reads.ack(sent.to(), sent.readRound()); // a same-term answer: it still follows this leader
        }
        if (reply == null) {
            handleFailure(sent, pr);
        } else if (reply instanceof AppendEntriesReply r && sent.message() instanceof AppendEntries ae) {
            handleAppendReply(sent, ae, r, pr);
        } else if (reply instanceof InstallSnapshotReply r && sent.message() instanceof InstallSnapshot) {
            handleSnapshotReply(sent, r, pr);
        }
    }

    private void handleFailure(Outgoing sent, Progress pr) {
        if (!sent.inflight()) {
            return; // a lost heartbeat: the next one will do
        }
        // Entries or a snapshot may be lost: fall back to probing from what is known. The next
        // heartbeat tick retries, so an unreachable follower is not spammed.
        if (pr.state != Progress.State.PROBE) {
            pr.becomeProbe();
        }
    }

    private void handleAppendReply(Outgoing sent, AppendEntries ae, AppendEntriesReply r, Progress pr) {
        int to = sent.to();
        if (r.success()) {
            if (r.matchIndex() > pr.match) {
                pr.match = r.matchIndex();
            }
            if (pr.state == Progress.State.PROBE && (sent.inflight() || ae.prevLogIndex() == pr.next - 1)) {
                pr.becomeReplicate();
            }
            pr.next = Math.max(pr.next, pr.match + 1);
            maybeCommit();
            maybeSendAppend(to);
            return;
        }
        if (r.conflictIndex() == 0) {
            maybeSendAppend(to); // stale-term rejection: nothing to learn
            return;
        }
        boolean current = pr.state == Progress.State.REPLICATE ? sent.inflight() && ae.prevLogIndex() >= pr.match
                : pr.state == Progress.State.PROBE && ae.prevLogIndex() == pr.next - 1;
        if (current) {
            long before = pr.next;
            pr.state = Progress.State.PROBE;
            pr.next = Math.max(pr.match + 1, Math.min(backupHint(r), ae.prevLogIndex()));
            if (pr.next == before && ae.prevLogIndex() <= pr.match) {
                // The follower refused an entry it had acknowledged: its log lost or changed what
                // it matched (impossible with correct Raft and durable logs; a planted bug or a lost
                // disk can do it). Backing up cannot go below match, so an immediate re-probe would
                // be refused the same way at once, forever, with no time passing: leave the retry
                // to the next heartbeat tick.
                return;
            }
        }
        maybeSendAppend(to);
    }

    /**
     * Fast backup: the follower can match at most through {@code conflictIndex - 1}, whose term there
     * is {@code conflictTerm}; our entries above that term cannot match either. Next probe goes
     * after the largest index of ours at or below the hint with a term at most its term.
     */
    private long backupHint(AppendEntriesReply r) {
        RaftLog log = core.log();
        long hint = r.conflictIndex() - 1;
        if (hint < log.snapshotIndex()) {
            return hint + 1; // below our snapshot: InstallSnapshot follows
        }
        return log.lastIndexWithTermAtMost(r.conflictTerm(), hint) + 1;
    }

    private void handleSnapshotReply(Outgoing sent, InstallSnapshotReply r, Progress pr) {
        if (r.matchIndex() > 0) {
            pr.match = Math.max(pr.match, r.matchIndex());
            pr.next = pr.match + 1;
            pr.state = Progress.State.REPLICATE;
            maybeCommit();
        } else if (pr.state == Progress.State.SNAPSHOT) {
            pr.becomeProbe();
        }
        maybeSendAppend(sent.to());
    }

    /** §5.4.2: commit the highest index stored on a quorum, if it is from the current term. */
    void maybeCommit() {
        RaftLog log = core.log();
        long[] matches = new long[progress.length];
        for (int p = 0; p < progress.length; p++) {
            matches[p] = p == core.id() ? Math.min(core.stableIndex(), log.lastIndex()) : progress[p].match;
        }
        Arrays.sort(matches);
        long n = matches[matches.length - core.quorum()];
        if (n <= core.commitIndex()) {
            return;
        }
        if (core.options().commitOnlyCurrentTerm() && log.termAt(n) != core.term()) {
            return;
        }
        core.setCommitIndex(n);
    }
}
