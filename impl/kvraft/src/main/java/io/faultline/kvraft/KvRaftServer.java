package io.faultline.kvraft;

import io.faultline.core.codec.CodecException;
import io.faultline.core.runtime.Runtime;
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

/**
 * A kvraft server (spec §6.4): serves {@code "KV"} Get and Put by submitting the encoded request
 * through {@link Rsm}, so Gets go through the log too; an rsm failure is ErrWrongLeader (or
 * ErrNotLeader when nothing was proposed). The
 * state machine is a {@link KvStore}; snapshots carry values and versions. There is no duplicate
 * table: versions make Put at-most-once, and the clerk turns a repeated Put's ErrVersion into
 * ErrMaybe.
 */
public final class KvRaftServer implements StateMachine {
    private final KvStore store = new KvStore();
    private final KvLimits limits;
    private final KvRaftVariant variant;
    private final Rsm rsm;

    public KvRaftServer(Runtime runtime, RaftFactory factory, RaftConfig raftConfig, int maxRaftStateBytes,
            KvLimits limits, KvRaftVariant variant) {
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

    private void handle(byte[] request, io.faultline.core.runtime.Transport.Responder responder) {
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
        rsm.submit(request, (err, result) -> responder.reply(KvCodec.encode(err == RsmErr.OK ? (KvReply) result
                : KvReply.of(err == RsmErr.ErrNotLeader ? Err.ErrNotLeader : Err.ErrWrongLeader))));
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
