package io.faultline.raft.core;

import io.faultline.core.Check;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The leader's ReadIndex bookkeeping (Raft thesis §6.4). A read registered while leader records the
 * commit index of that moment and the heartbeat round that will confirm it, which is always a round
 * sent after the registration. Every request the leader sends is tagged with the newest round
 * started ({@link Outgoing#readRound}); a same-term answer from a follower acknowledges every round
 * up to the tag of the request it answers. A read is confirmed once the leader plus enough followers
 * for a majority acknowledged its round: at that moment no other leader can have existed with a
 * higher term that a majority accepted before the round went out, so the recorded commit index
 * covers every write completed before the read was asked.
 *
 * <p>At most one round is outstanding: reads that arrive meanwhile wait for the next, started when
 * the outstanding one is confirmed or at the next heartbeat tick. Unconfirmed reads fail after
 * {@code timeoutTicks} leader ticks, and all of them fail when leadership ends. Round numbers only
 * grow, across terms, so an acknowledgement can never count for a later read than it answers.
 */
final class ReadRounds {
    /** A read waiting for its round. */
    private record Pending(long ctx, long index, long round, long deadlineTick) {}

    private final int self;
    private final int quorum;
    private final long timeoutTicks;
    private final long[] acked;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<ReadConfirmation> outcomes = new ArrayList<>();
    /** The newest round whose heartbeats were sent. */
    private long startedRound;
    /** The newest round a majority acknowledged. */
    private long confirmedRound;
    private boolean roundWanted;
    private long ticks;

    ReadRounds(int self, int nodeCount, int quorum, long timeoutTicks) {
        Check.that(timeoutTicks >= 1, "read timeout %s ticks", timeoutTicks);
        this.self = self;
        this.quorum = quorum;
        this.timeoutTicks = timeoutTicks;
        this.acked = new long[nodeCount];
    }

    /** Registers read {@code ctx} at commit index {@code index}; {@code confirmAtOnce}: no round needed. */
    void register(long ctx, long index, boolean confirmAtOnce) {
        if (confirmAtOnce || quorum == 1) {
            outcomes.add(new ReadConfirmation(ctx, index));
            return;
        }
        pending.addLast(new Pending(ctx, index, startedRound + 1, ticks + timeoutTicks));
        roundWanted = true;
    }

    /** True if reads wait for a round and none is outstanding: the next Ready should start one. */
    boolean shouldStartRound() {
        return roundWanted && startedRound == confirmedRound;
    }

    /** True if some read waits for a round (started or not). */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Starts the next round: every request sent from now on carries it. */
    long startRound() {
        startedRound++;
        roundWanted = false;
        return startedRound;
    }

    /** The tag for a request sent now. */
    long currentRound() {
        return startedRound;
    }

    /** A same-term answer from {@code peer} to a request tagged {@code round}. */
    void ack(int peer, long round) {
        if (peer == self || round <= acked[peer]) {
            return;
        }
        acked[peer] = round;
        long[] others = new long[acked.length - 1];
        int k = 0;
        for (int p = 0; p < acked.length; p++) {
            if (p != self) {
                others[k++] = acked[p];
            }
        }
        Arrays.sort(others);
        long majorityAcked = others[others.length - (quorum - 1)]; // the leader counts itself
        if (majorityAcked <= confirmedRound) {
            return;
        }
        confirmedRound = majorityAcked;
        while (!pending.isEmpty() && pending.peekFirst().round() <= confirmedRound) {
            Pending p = pending.pollFirst();
            outcomes.add(new ReadConfirmation(p.ctx(), p.index()));
        }
    }

    /** One leader tick: reads past their deadline fail. */
    void tick() {
        ticks++;
        while (!pending.isEmpty() && pending.peekFirst().deadlineTick() <= ticks) {
            outcomes.add(new ReadConfirmation(pending.pollFirst().ctx(), ReadConfirmation.FAILED));
        }
    }

    /** Leadership ended (or began): every waiting read fails. Round numbers keep growing. */
    void failAll() {
        while (!pending.isEmpty()) {
            outcomes.add(new ReadConfirmation(pending.pollFirst().ctx(), ReadConfirmation.FAILED));
        }
        roundWanted = false;
        confirmedRound = startedRound; // no round of the old term is outstanding any more
    }

    /** Outcomes since the last call, in registration order per kind. */
    List<ReadConfirmation> takeOutcomes() {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        List<ReadConfirmation> out = new ArrayList<>(outcomes);
        outcomes.clear();
        return out;
    }

    String describe() {
        return " reads(pending=" + pending.size() + " started=" + startedRound + " confirmed=" + confirmedRound
                + (roundWanted ? " wanted" : "") + ")";
    }
}
