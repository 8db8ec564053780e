package io.faultline.vertx.node;

import io.faultline.raft.api.RaftStatus;
import io.vertx.core.json.JsonObject;

/**
 * What a node process runs, as the admin endpoint and the process see it: built by the
 * {@link NodeSystems} hook that {@code --system} names, on the node's context.
 */
public interface NodeService {
    /** The Raft peer's status, or null for a system without Raft (a single kvsrv server). */
    RaftStatus raftStatus();

    /** Adds this system's own fields to {@code GET /status}. Runs on the node's context. */
    void describe(JsonObject status);

    /** Stops serving and releases the system's resources (Raft timers); idempotent. */
    void kill();
}
