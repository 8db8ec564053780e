package io.faultline.kvraft;

import io.faultline.core.Check;
import io.faultline.kvsrv.ClerkTransport;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import io.faultline.kvsrv.KvCodec;
import io.faultline.kvsrv.KvReply;
import io.faultline.kvsrv.KvRequest;
import io.faultline.kvsrv.KvServer;

/**
 * The kvraft clerk (spec §6.4): remembers the last leader; on RPC failure, ErrWrongLeader or ErrNotLeader it
 * moves to the next server, pausing {@link #ROUND_PAUSE_MS} after a full round without an answer.
 * Get retries forever. A Put's ErrVersion becomes ErrMaybe when any earlier attempt may have
 * executed (its reply was lost, or it got ErrWrongLeader, possibly after Start); an ErrNotLeader
 * attempt was refused before Start and cannot have executed.
 */
public final class KvRaftClerk implements KvClerk {
    public static final long ROUND_PAUSE_MS = 20;

    private final ClerkTransport transport;
    private final String[] servers;
    private int leader;

    public KvRaftClerk(ClerkTransport transport, String... servers) {
        Check.that(servers.length > 0, "a clerk needs servers");
        this.transport = transport;
        this.servers = servers.clone();
    }

    @Override
    public GetResult get(String key) {
        KvReply r = call(KvCodec.encode(new KvRequest.Get(key)), null);
        return new GetResult(r.value(), r.version(), r.err());
    }

    @Override
    public Err put(String key, String value, long version) {
        boolean[] maybe = new boolean[1];
        Err err = call(KvCodec.encode(new KvRequest.Put(key, value, version)), maybe).err();
        return err == Err.ErrVersion && maybe[0] ? Err.ErrMaybe : err;
    }

    /** Sends until a server other than a non-leader answers; sets maybe[0] if an attempt may have executed. */
    private KvReply call(byte[] req, boolean[] maybe) {
        int failedInRound = 0;
        while (true) {
            byte[] bytes = transport.call(servers[leader], KvServer.SERVICE, req);
            KvReply r = bytes == null ? null : KvCodec.decodeReply(bytes);
            if (r != null && r.err() != Err.ErrWrongLeader && r.err() != Err.ErrNotLeader) {
                if (r.err() == Err.ErrTooLarge || r.err() == Err.ErrBadRequest) {
                    throw new IllegalArgumentException("server refused the request: " + r.err() + ": " + r.detail());
                }
                return r;
            }
            if (maybe != null && (r == null || r.err() == Err.ErrWrongLeader)) {
                maybe[0] = true; // lost, or proposed before leadership changed: it may execute
            }
            leader = (leader + 1) % servers.length;
            if (++failedInRound >= servers.length) {
                failedInRound = 0;
                transport.sleepMs(ROUND_PAUSE_MS);
            }
        }
    }
}
