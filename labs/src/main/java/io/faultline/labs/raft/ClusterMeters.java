package io.faultline.labs.raft;

/** Counters the tests' thresholds are written against (spec §1.1 counters, §1.2 LogSize). */
public interface ClusterMeters {
    /** Requests that reached dispatch on peer {@code i} (Go {@code RpcCount(i)}). */
    long rpcCount(int i);

    /** Every call that entered the network (Go {@code RpcTotal}). */
    long rpcTotal();

    /** Argument bytes of every call plus reply bytes of delivered replies (Go {@code BytesTotal}). */
    long bytesTotal();

    /** Largest persisted Raft state (not the snapshot) over the peers (Go {@code LogSize}). */
    long logSizeBytes();
}
