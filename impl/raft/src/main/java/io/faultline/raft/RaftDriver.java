package io.faultline.raft;

import io.faultline.core.Check;
import io.faultline.core.codec.CodecException;
import io.faultline.core.runtime.Runtime;
import io.faultline.core.runtime.Transport;
import io.faultline.raft.api.Applied;
import io.faultline.raft.api.ApplySink;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.ReadIndexCallback;
import io.faultline.raft.api.ReadOutcome;
import io.faultline.raft.api.StartResult;
import io.faultline.raft.core.CoreOptions;
import io.faultline.raft.core.Entry;
import io.faultline.raft.core.MessageCodec;
import io.faultline.raft.core.Outgoing;
import io.faultline.raft.core.RaftCore;
import io.faultline.raft.core.RaftMessage;
import io.faultline.raft.core.ReadConfirmation;
import io.faultline.raft.core.Ready;
import io.faultline.raft.storage.RaftStorage;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a {@link RaftCore} on a {@link Runtime}: ticks from a Clock timer, RPCs on the
 * {@value #SERVICE} service, state in {@link RaftStorage}. Each Ready is handled strictly as
 * persist → sync → send → apply → advance, one at a time; proposals arriving while a sync is in
 * flight accumulate in the core and go out together in the next Ready.
 *
 * <p>One exception to "send after sync" (Raft thesis §10.2.1): the leader's AppendEntries requests
 * leave as soon as the Ready's writes are issued, in parallel with its own fsync. That is safe
 * because the core counts the leader only up to its durable index when committing, and an
 * AppendEntries depends on no unsynced state of the leader: its term is durable (checked: the
 * leader was elected by votes answering RequestVotes that went out after that term was synced),
 * and the entries it carries are identified by (index, term), which no other leader can reuse.
 * Votes, vote replies and AppendEntries/InstallSnapshot replies still wait for the sync.
 *
 * <p>Everything runs on the node's context; the {@link ApplySink} may call back into this node
 * (e.g. {@link #snapshot}) from inside {@code apply}.
 */
public final class RaftDriver implements RaftNode {
    /** The RPC service name ("Raft.*" in the labs). */
    public static final String SERVICE = "Raft";
    /** Most incoming requests awaiting their reply (each is answered in the next Ready). */
    public static final int PENDING_REPLIES_MAX = 4096;

    private final Runtime runtime;
    private final RaftConfig config;
    private final ApplySink sink;
    private final RaftStorage storage;
    private final RaftCore core;
    private final long tickNanos;
    private final long rpcTimeoutNanos;
    private final int outstandingCallsPerPeerMax;
    private final int[] outstandingCalls;
    private final TreeMap<Long, Transport.Responder> pendingReplies = new TreeMap<>();
    private long nextReplyToken;
    private long tickTimer = -1;
    private boolean readyScheduled;
    /** The Ready between ready() and advance(), or null. */
    private Ready current;
    private long lastApplied;
    /** ReadIndex reads registered in the core, by context, awaiting confirmation. */
    private final Map<Long, ReadIndexCallback> readsUnconfirmed = new HashMap<>();
    /** Confirmed reads awaiting {@code lastApplied >= index}, in confirmation order (indexes never decrease). */
    private final ArrayDeque<ConfirmedRead> readsUnapplied = new ArrayDeque<>();
    private long nextReadCtx;
    /** Term of the hard state known durable (restored, or synced by a completed Ready). */
    private long durableTerm;
    private boolean dead;

    /**
     * Restores the peer from {@code runtime.storage()} (throwing
     * {@link io.faultline.raft.storage.RaftStorageException} if it is corrupt), serves
     * {@value #SERVICE}, and starts ticking.
     */
    private record ConfirmedRead(long index, ReadIndexCallback callback) {}

    public RaftDriver(Runtime runtime, RaftConfig config, ApplySink sink, CoreOptions options) {
        this.runtime = Check.notNull(runtime, "runtime");
        this.config = Check.notNull(config, "config");
        this.sink = Check.notNull(sink, "sink");
        RaftStorage.Loaded loaded = RaftStorage.load(runtime.storage(), runtime.nodeId());
        this.storage = loaded.storage();
        this.core = new RaftCore(runtime.nodeId(), config, options, runtime.random().fork("raft"), loaded.state());
        this.lastApplied = core.snapshotIndex();
        this.durableTerm = loaded.state().hardState().term();
        this.tickNanos = config.tickMs() * 1_000_000L;
        this.rpcTimeoutNanos = config.rpcTimeoutMs() * 1_000_000L;
        // Heartbeats are not windowed, but each call ends within rpcTimeoutMs: this bounds them.
        this.outstandingCallsPerPeerMax = config.inflightAppendsMax() + 2
                + 2 * config.rpcTimeoutMs() / Math.max(1, config.tickMs() * config.heartbeatTicks());
        this.outstandingCalls = new int[config.nodeCount()];
        runtime.transport().serve(SERVICE, this::onRequest);
        tickTimer = runtime.clock().setTimer(tickNanos, this::onTick);
        scheduleReady(); // delivers a restored snapshot to the service first
    }

    // ---------------------------------------------------------------- RaftNode

    @Override
    public StartResult start(byte[] command) {
        if (dead) {
            return StartResult.notLeader(core.term());
        }
        StartResult r = core.propose(command);
        if (r.isLeader()) {
            scheduleReady();
        }
        return r;
    }

    @Override
    public void readIndex(ReadIndexCallback callback) {
        Check.notNull(callback, "callback");
        if (dead) {
            callback.done(ReadOutcome.NOT_LEADER);
            return;
        }
        long ctx = nextReadCtx++;
        switch (core.readIndex(ctx)) {
            case NOT_LEADER -> callback.done(ReadOutcome.NOT_LEADER);
            case USE_LOG -> callback.done(ReadOutcome.USE_LOG);
            case PENDING -> {
                readsUnconfirmed.put(ctx, callback);
                drainReads();
                scheduleReady(); // the round's heartbeats go out with the next Ready
            }
        }
    }

    @Override
    public RaftStatus status() {
        if (dead) {
            return new RaftStatus(core.term(), RaftStatus.Role.DEAD, core.commitIndex(), lastApplied, -1);
        }
        return core.status(lastApplied);
    }

    @Override
    public void snapshot(long index, byte[] snapshot) {
        if (dead) {
            return;
        }
        core.compact(index, snapshot);
        scheduleReady();
    }

    @Override
    public long persistedStateBytes() {
        return storage.persistedStateBytes();
    }

    @Override
    public void kill() {
        if (dead) {
            return;
        }
        dead = true;
        if (tickTimer >= 0) {
            runtime.clock().cancelTimer(tickTimer);
        }
        pendingReplies.clear();
        // Reads fail like the rsm's pending submits: promptly, so callers can answer their clients.
        var unconfirmed = new TreeMap<>(readsUnconfirmed);
        readsUnconfirmed.clear();
        unconfirmed.values().forEach(cb -> cb.done(ReadOutcome.NOT_LEADER));
        while (!readsUnapplied.isEmpty()) {
            readsUnapplied.pollFirst().callback().done(ReadOutcome.NOT_LEADER);
        }
    }

    @Override
    public String toString() {
        return (dead ? "DEAD " : "") + core.describe() + " applied=" + lastApplied + " pendingReplies="
                + pendingReplies.size() + " reads=" + readsUnconfirmed.size() + "/" + readsUnapplied.size()
                + " readyScheduled=" + readyScheduled + " current="
                + (current == null ? "none" : current.sequence());
    }

    // ---------------------------------------------------------------- events

    private void onTick() {
        if (dead) {
            return;
        }
        core.tick();
        tickTimer = runtime.clock().setTimer(tickNanos, this::onTick);
        drainReads();
        scheduleReady();
    }

    private void onRequest(int fromPeer, byte[] bytes, Transport.Responder responder) {
        if (dead || fromPeer < 0 || fromPeer >= config.nodeCount() || fromPeer == runtime.nodeId()) {
            return; // no reply: looks lost to the caller
        }
        if (pendingReplies.size() >= PENDING_REPLIES_MAX) {
            return;
        }
        RaftMessage request;
        try {
            request = MessageCodec.decode(bytes);
        } catch (CodecException e) {
            return; // a malformed request is dropped like a lost one
        }
        if (request instanceof RaftMessage.RequestVote || request instanceof RaftMessage.AppendEntries
                || request instanceof RaftMessage.InstallSnapshot) {
            long token = nextReplyToken++;
            pendingReplies.put(token, responder);
            core.stepRequest(fromPeer, request, token);
            drainReads(); // a higher term ends leadership: its reads fail
            scheduleReady();
        }
    }

    private void onReply(Outgoing sent, byte[] bytes) {
        outstandingCalls[sent.to()]--;
        if (dead) {
            return;
        }
        RaftMessage reply = null;
        if (bytes != null) {
            try {
                reply = MessageCodec.decode(bytes);
            } catch (CodecException e) {
                reply = null; // treated as a failed call
            }
        }
        core.stepReply(sent, reply);
        drainReads();
        scheduleReady();
    }

    /** Hands confirmed reads to the apply queue and fails the failed ones. */
    private void drainReads() {
        for (ReadConfirmation c : core.takeReadOutcomes()) {
            ReadIndexCallback cb = readsUnconfirmed.remove(c.ctx());
            Check.notNull(cb, "read callback for ctx " + c.ctx());
            if (c.failed()) {
                cb.done(ReadOutcome.NOT_LEADER);
            } else {
                Check.that(readsUnapplied.isEmpty() || readsUnapplied.peekLast().index() <= c.index(),
                        "read index %s after %s", c.index(), readsUnapplied.isEmpty() ? 0 : readsUnapplied.peekLast().index());
                readsUnapplied.addLast(new ConfirmedRead(c.index(), cb));
            }
        }
        releaseAppliedReads();
    }

    private void releaseAppliedReads() {
        while (!dead && !readsUnapplied.isEmpty() && readsUnapplied.peekFirst().index() <= lastApplied) {
            readsUnapplied.pollFirst().callback().done(ReadOutcome.READY);
        }
    }

    // ---------------------------------------------------------------- the Ready cycle

    private void scheduleReady() {
        if (readyScheduled || current != null || dead) {
            return;
        }
        readyScheduled = true;
        runtime.clock().setTimer(0, this::runReady); // after this callback: batches what it proposes
    }

    private void runReady() {
        readyScheduled = false;
        if (dead || current != null || !core.hasReady()) {
            return;
        }
        Ready rd = core.ready();
        current = rd;
        if (rd.mustPersist()) {
            storage.persist(rd);
            send(rd, true); // the leader's AppendEntries, in parallel with its fsync (§10.2.1)
            runtime.storage().sync(() -> afterDurable(rd));
        } else {
            afterDurable(rd);
        }
    }

    /**
     * True for the only messages that may leave before the Ready's sync: the leader's AppendEntries
     * requests. Everything else (RequestVote, every reply, InstallSnapshot) waits for durability.
     */
    public static boolean sendableBeforeSync(Outgoing out) {
        return !out.isReply() && out.message() instanceof RaftMessage.AppendEntries;
    }

    /**
     * The always-on check for a message leaving before its Ready's sync: it must be one of
     * {@link #sendableBeforeSync}, and its term must already be durable (a leader's term is synced
     * before its RequestVotes leave, so a correct core never trips this).
     */
    public static void checkSendableBeforeSync(Outgoing out, long durableTerm) {
        Check.that(sendableBeforeSync(out), "%s may not leave before its Ready is durable", out);
        Check.that(out.message().term() <= durableTerm,
                "AppendEntries of term %s sent before that term is durable (durable term %s)",
                out.message().term(), durableTerm);
    }

    private void afterDurable(Ready rd) {
        if (dead) {
            return;
        }
        Check.that(current == rd, "Ready %s completed while %s is current", rd.sequence(),
                current == null ? "none" : current.sequence());
        if (rd.mustPersist()) {
            storage.afterSync();
            if (rd.hardState() != null) {
                durableTerm = rd.hardState().term();
            }
            send(rd, false);
        } else {
            send(rd, null);
        }
        apply(rd);
        if (dead) {
            return; // the sink killed us
        }
        releaseAppliedReads();
        core.advance(rd);
        current = null;
        if (core.hasReady()) {
            scheduleReady();
        }
    }

    /**
     * Sends the Ready's messages: with {@code early} true only those {@link #sendableBeforeSync} (the
     * Ready's sync is still in flight), with false the rest (after the sync), with null all of them
     * (a Ready with nothing to persist).
     */
    private void send(Ready rd, Boolean early) {
        for (Outgoing out : rd.messages()) {
            if (early != null && sendableBeforeSync(out) != early) {
                continue;
            }
            if (early != null && early) {
                checkSendableBeforeSync(out, durableTerm);
            }
            byte[] bytes = MessageCodec.encode(out.message());
            if (out.isReply()) {
                Transport.Responder responder = pendingReplies.remove(out.replyToken());
                Check.notNull(responder, "responder for token " + out.replyToken());
                responder.reply(bytes);
            } else if (outstandingCalls[out.to()] >= outstandingCallsPerPeerMax) {
                core.stepReply(out, null); // over the per-peer limit: counts as a failed call
            } else {
                outstandingCalls[out.to()]++;
                runtime.transport().call(out.to(), SERVICE, bytes, rpcTimeoutNanos, reply -> onReply(out, reply));
            }
        }
    }

    private void apply(Ready rd) {
        if (rd.snapshotToApply() != null) {
            var s = rd.snapshotToApply();
            Check.that(s.index() > lastApplied || lastApplied == s.index() && rd.sequence() == 1,
                    "snapshot %s does not advance applied %s", s.index(), lastApplied);
            lastApplied = s.index();
            sink.apply(new Applied.Snapshot(s.index(), s.term(), s.data()));
        }
        for (Entry e : rd.committedEntries()) {
            if (dead) {
                return;
            }
            Check.that(e.index() == lastApplied + 1, "applying %s after %s", e.index(), lastApplied);
            lastApplied = e.index();
            sink.apply(new Applied.Command(e.index(), e.term(), e.command()));
        }
    }
}
