package io.faultline.kvraft;

/**
 * The kvraft server under test: the correct one (Gets through the log, as the spec asks), the
 * correct one with ReadIndex Gets, or a planted bug the lab suite must catch. Selected by label; the
 * default is {@link #CORRECT}.
 */
public enum KvRaftVariant {
    CORRECT("kvraft", "the correct server: Gets go through the log"),
    READ_INDEX("read-index",
            "the correct server with ReadIndex Gets (Raft thesis 6.4): the leader confirms it still leads with one"
                    + " heartbeat round and reads once it has applied its commit index; no log entry, no fsync"),
    BUG_LOCAL_GET("bug-local-get",
            "planted bug: a server that believes it is leader answers Get from its local state, not through the log"),
    BUG_SNAPSHOT_DROPS_VERSIONS("bug-snapshot-drops-versions",
            "planted bug: snapshots keep values but reset every version to 1 (versions are this design's"
                    + " duplicate detection, so this is the closest equivalent of leaving the duplicate table out)");

    public final String label;
    public final String description;

    KvRaftVariant(String label, String description) {
        this.label = label;
        this.description = description;
    }
}
