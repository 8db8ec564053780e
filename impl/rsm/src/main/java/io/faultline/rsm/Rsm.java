package io.faultline.rsm;

import io.faultline.core.Check;
import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.core.runtime.Runtime;
import io.faultline.raft.api.Applied;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replicated state machine over any {@link RaftNode} (spec §6.1): {@link #submit} proposes an
 * operation and completes when that exact operation is applied at its index, with the object
 * {@link StateMachine#doOp} returned here; with ErrNotLeader when this server is not leader (nothing
 * proposed); or with ErrWrongLeader when another operation lands at the index, leadership or the term changes (checked every
 * {@code leaderCheckMs} even if nothing commits), or the server is killed. Single-threaded: every
 * method runs on the node's context; Submit is asynchronous.
 *
 * <p>Each log entry is {@code [fixed64 incarnation nonce][varint seq][op]}; the nonce comes from
 * the node's seeded random source at start, so op ids stay unique across restarts and servers.
 */
public final class Rsm {
    /** One Submit waiting for its index. */
    private record Pending(long seq, long term, SubmitCallback callback) {}

    private final Runtime runtime;
    private final RsmConfig config;
    private final StateMachine sm;
    private final RaftNode raft;
    private final long nonce;
    private long nextSeq = 1;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private long checkTimer = -1;
    private long lastApplied;
    private long lastSnapshotIndex;
    private boolean killed;

    public Rsm(Runtime runtime, RaftFactory factory, RaftConfig raftConfig, RsmConfig config, StateMachine sm) {
        this.runtime = runtime;
        this.config = config;
        this.sm = sm;
        this.nonce = runtime.random().nextLong();
        this.raft = factory.create(runtime, raftConfig, this::apply);
    }

    public RaftNode raft() {
        return raft;
    }

    public long lastApplied() {
        return lastApplied;
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Proposes {@code op}; {@code callback} runs once with the outcome. */
    public void submit(byte[] op, SubmitCallback callback) {
        if (killed || pending.size() >= config.pendingSubmitsMax()) {
            callback.done(RsmErr.ErrNotLeader, null);
            return;
        }
        long seq = nextSeq++;
        byte[] entry = new ByteWriter(op.length + 12).writeFixedInt((int) (nonce >>> 32)).writeFixedInt((int) nonce)
                .writeVarLong(seq).writeRaw(op, 0, op.length).toByteArray();
        StartResult r = raft.start(entry);
        if (!r.isLeader()) {
            callback.done(RsmErr.ErrNotLeader, null);
            return;
        }
        Pending older = pending.put(r.index(), new Pending(seq, r.term(), callback));
        if (older != null) {
            older.callback().done(RsmErr.ErrWrongLeader, null); // a new term reused the index
        }
        armCheck();
    }

    /** Kills Raft and fails every pending Submit at once. Idempotent. */
    public void kill() {
        if (killed) {
            return;
        }
        killed = true;
        raft.kill();
        if (checkTimer >= 0) {
            runtime.clock().cancelTimer(checkTimer);
            checkTimer = -1;
        }
        failWhere(Long.MAX_VALUE);
    }

    public boolean isKilled() {
        return killed;
    }

    private void apply(Applied a) {
        if (killed) {
            return;
        }
        if (a instanceof Applied.Snapshot s) {
            if (s.index() <= lastApplied) {
                return;
            }
            sm.restore(s.data());
            lastApplied = s.index();
            lastSnapshotIndex = s.index();
            failWhere(s.index()); // their fate is unknown here
            return;
        }
        Applied.Command c = (Applied.Command) a;
        Check.that(c.index() == lastApplied + 1, "rsm: applied index %s after %s", c.index(), lastApplied);
        ByteReader r = new ByteReader(c.command());
        long entryNonce = ((long) r.readFixedInt() << 32) | (r.readFixedInt() & 0xFFFFFFFFL);
        long seq = r.readVarLong();
        byte[] op = new byte[r.remaining()];
        System.arraycopy(c.command(), r.position(), op, 0, op.length);
        Object result = sm.doOp(op);
        lastApplied = c.index();
        Pending p = pending.remove(c.index());
        if (p != null) {
            boolean mine = entryNonce == nonce && seq == p.seq();
            p.callback().done(mine ? RsmErr.OK : RsmErr.ErrWrongLeader, mine ? result : null);
        }
        failWhere(c.index() - 1); // nothing should remain below, but never leave one stranded
        maybeSnapshot(c.index());
    }

    private void maybeSnapshot(long index) {
        int max = config.maxRaftStateBytes();
        if (max < 0 || index <= lastSnapshotIndex) {
            return;
        }
        if (raft.persistedStateBytes() * 100 >= (long) max * config.snapshotAtPercent()) {
            lastSnapshotIndex = index;
            raft.snapshot(index, sm.snapshot());
        }
    }

    private void armCheck() {
        if (checkTimer < 0 && !pending.isEmpty() && !killed) {
            checkTimer = runtime.clock().setTimer(config.leaderCheckMs() * 1_000_000L, this::checkLeadership);
        }
    }

    private void checkLeadership() {
        checkTimer = -1;
        if (killed) {
            return;
        }
        RaftStatus st = raft.status();
        List<Long> lost = new ArrayList<>();
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            if (!st.isLeader() || st.term() != e.getValue().term()) {
                lost.add(e.getKey());
            }
        }
        for (Long idx : lost) {
            pending.remove(idx).callback().done(RsmErr.ErrWrongLeader, null);
        }
        armCheck();
    }

    /** Fails every pending Submit at an index ≤ {@code index}. */
    private void failWhere(long index) {
        while (!pending.isEmpty() && pending.firstKey() <= index) {
            pending.pollFirstEntry().getValue().callback().done(RsmErr.ErrWrongLeader, null);
        }
    }
}
