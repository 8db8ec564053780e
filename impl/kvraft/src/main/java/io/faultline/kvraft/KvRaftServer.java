package io.faultline.kvraft;

import io.faultline.core.codec.CodecException;
import io.faultline.core.runtime.Runtime;
import io.faultline.core.runtime.Transport;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvCodec;
import io.faultline.kvsrv.KvLimits;
import io.faultline.kvsrv.KvReply;
import io.faultline.kvsrv.KvRequest;
import io.faultline.kvsrv.KvServer;
import io.faultline.kvsrv.KvStore;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.rsm.Rsm;
import io.faultline.rsm.RsmConfig;
import io.faultline.rsm.RsmErr;
import io.faultline.rsm.StateMachine;
import java.util.ArrayList;
import java.util.List;

/**
 * A kvraft server (spec §6.4): serves {@code "KV"} Get and Put by submitting the encoded request
 * through {@link Rsm}, so Gets go through the log too (Gets arriving together share one entry, see
 * {@link #joinReadBatch}), except in the {@link KvRaftVariant#READ_INDEX} variant, whose Gets
 * use ReadIndex (see {@link #readByIndex}); an rsm failure is ErrWrongLeader (or ErrNotLeader when nothing was
 * proposed). The
 * state machine is a {@link KvStore}; snapshots carry values and versions. There is no duplicate
 * table: versions make Put at-most-once, and the clerk turns a repeated Put's ErrVersion into
 * ErrMaybe.
 */
public final class KvRaftServer implements StateMachine {
    /** Most Gets sharing one log entry (see {@link #joinReadBatch}). */
    public static final int READ_BATCH_MAX = 1024;

    /** A Get waiting for its batch's log entry. */
    private record BatchedGet(byte[] request, KvRequest.Get get, Transport.Responder responder) {}

    private final Runtime runtime;
    private final KvStore store = new KvStore();
    private final List<BatchedGet> readBatch = new ArrayList<>();
    private boolean readBatchScheduled;
    private final KvLimits limits;
    private final KvRaftVariant variant;
    private final Rsm rsm;

    public KvRaftServer(Runtime runtime, RaftFactory factory, RaftConfig raftConfig, int maxRaftStateBytes,
            KvLimits limits, KvRaftVariant variant) {
        this.runtime = runtime;
        this.limits = limits;
        this.variant = variant;
        this.rsm = new Rsm(runtime, factory, raftConfig, RsmConfig.of(maxRaftStateBytes), this);
        runtime.transport().serve(KvServer.SERVICE, (from, request, responder) -> handle(request, responder));
    }

    public RaftNode raft() {
        return rsm.raft();
    }

    public Rsm rsm() {
        return rsm;
    }

    public void kill() {
        rsm.kill();
    }

    private void handle(byte[] request, Transport.Responder responder) {
        KvRequest r;
        try {
            r = KvCodec.decodeRequest(request);
        } catch (CodecException e) {
            responder.reply(KvCodec.encode(KvReply.refused(Err.ErrBadRequest, "malformed request: " + e.getMessage())));
            return;
        }
        String violation = limits.violation(r);
        if (violation != null) {
            responder.reply(KvCodec.encode(KvReply.refused(Err.ErrTooLarge, violation)));
            return;
        }
        if (variant == KvRaftVariant.BUG_LOCAL_GET && r instanceof KvRequest.Get && rsm.raft().status().isLeader()) {
            responder.reply(KvCodec.encode(store.apply(r))); // planted bug: a possibly stale read
            return;
        }
        if (r instanceof KvRequest.Get get) {
            if (variant == KvRaftVariant.READ_INDEX) {
                readByIndex(request, get, responder);
            } else {
                joinReadBatch(request, get, responder);
            }
            return;
        }
        rsm.submit(request, (err, result) -> responder.reply(KvCodec.encode(err == RsmErr.OK ? (KvReply) result
                : failure(err))));
    }

    private static KvReply failure(RsmErr err) {
        return KvReply.of(err == RsmErr.ErrNotLeader ? Err.ErrNotLeader : Err.ErrWrongLeader);
    }

    /**
     * A Get by ReadIndex: Raft confirms this server still leads and that it has applied everything
     * committed when the Get arrived, then the store answers it. A Raft that cannot (a new leader
     * with nothing of its term committed yet, or a Raft without a read path) sends it through the log.
     */
    private void readByIndex(byte[] request, KvRequest.Get get, Transport.Responder responder) {
        rsm.raft().readIndex(outcome -> {
            switch (outcome) {
                case READY -> responder.reply(KvCodec.encode(store.apply(get)));
                case NOT_LEADER -> responder.reply(KvCodec.encode(KvReply.of(Err.ErrWrongLeader)));
                case USE_LOG -> joinReadBatch(request, get, responder);
            }
        });
    }

    /**
     * Gets that arrive in the same turn of the node's event loop share one log entry, the encoded
     * first Get of the batch, proposed at the end of that turn (or at once when the batch is full).
     * When that entry applies, the rest of the batch reads the store right there, at the same
     * index: each of those Gets arrived before the entry was proposed and is answered after it
     * committed in this leader's term, so the read falls inside the Get's interval and sees every
     * operation committed before it (linearizable, as if each had its own entry). If the entry
     * fails, every Get of the batch gets the entry's error.
     */
    private void joinReadBatch(byte[] request, KvRequest.Get get, Transport.Responder responder) {
        readBatch.add(new BatchedGet(request, get, responder));
        if (readBatch.size() >= READ_BATCH_MAX) {
            proposeReadBatch();
        } else if (!readBatchScheduled) {
            readBatchScheduled = true;
            runtime.clock().setTimer(0, () -> {
                readBatchScheduled = false;
                proposeReadBatch();
            });
        }
    }

    private void proposeReadBatch() {
        if (readBatch.isEmpty()) {
            return;
        }
        List<BatchedGet> batch = new ArrayList<>(readBatch);
        readBatch.clear();
        rsm.submit(batch.get(0).request(), (err, result) -> {
            for (int i = 0; i < batch.size(); i++) {
                BatchedGet g = batch.get(i);
                KvReply reply = err != RsmErr.OK ? failure(err) : i == 0 ? (KvReply) result : store.apply(g.get());
                g.responder().reply(KvCodec.encode(reply));
            }
        });
    }

    @Override
    public Object doOp(byte[] op) {
        return store.apply(KvCodec.decodeRequest(op));
    }

    @Override
    public byte[] snapshot() {
        return store.encode(variant != KvRaftVariant.BUG_SNAPSHOT_DROPS_VERSIONS);
    }

    @Override
    public void restore(byte[] snapshot) {
        store.restore(snapshot);
    }
}
