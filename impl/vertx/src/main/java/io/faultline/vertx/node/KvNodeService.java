package io.faultline.vertx.node;

import io.faultline.kvraft.KvRaftServer;
import io.faultline.kvraft.KvRaftVariant;
import io.faultline.kvsrv.KvServer;
import io.faultline.raft.api.RaftStatus;
import io.vertx.core.json.JsonObject;

/**
 * The {@code kvsrv} and {@code kvraft} systems of a node process: the lab 2 server (one node) or
 * the lab 4 replicated server, both serving {@code "KV"} ({@link io.faultline.kvsrv.KvCodec}).
 * Clients use {@link io.faultline.vertx.kv.TcpClerkTransport} with the labs' clerks.
 */
final class KvNodeService {
    private KvNodeService() {}

    /** A single versioned KV server (lab 2); {@link #raftStatus} is null, {@code /status} role SERVER. */
    static final class Single implements NodeService {
        private final KvServer server;

        Single(KvServer server) {
            this.server = server;
        }

        @Override
        public RaftStatus raftStatus() {
            return null;
        }

        @Override
        public void describe(JsonObject status) {
            status.put("keys", server.keyCount());
        }

        @Override
        public void kill() {
            server.kill();
        }
    }

    /** A kvraft server (lab 4): every Get and Put goes through the Raft log. */
    static final class Replicated implements NodeService {
        private final KvRaftServer server;
        private final KvRaftVariant variant;

        Replicated(KvRaftServer server, KvRaftVariant variant) {
            this.server = server;
            this.variant = variant;
        }

        @Override
        public RaftStatus raftStatus() {
            return server.raft().status();
        }

        @Override
        public void describe(JsonObject status) {
            status.put("variant", variant.label).put("pendingSubmits", server.rsm().pendingCount());
        }

        @Override
        public void kill() {
            server.kill();
        }
    }
}
