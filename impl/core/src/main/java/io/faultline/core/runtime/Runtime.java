package io.faultline.core.runtime;

import io.faultline.core.Rng;

/**
 * Everything a system core (Raft, rsm, kv, shardkv, the MapReduce coordinator) may use to touch
 * the world. The same core runs on the deterministic simulator ({@code impl/sim}) and on Vert.x
 * ({@code impl/vertx}).
 *
 * <p><b>Threading contract.</b> Each node has one context. Every callback this runtime invokes for
 * a node (timers, replies, request handlers, sync completions) runs on that context, one at a
 * time, never concurrently and never re-entrantly from inside a call into the runtime: a callback
 * is always delivered later, not from within {@code setTimer}, {@code call} or {@code sync}.
 * Cores therefore need no locks, and must not create threads, read the system clock or use
 * unseeded randomness.
 */
public interface Runtime {
    /** This node's id within its group: 0..n-1. */
    int nodeId();

    /** Time, timers and deferred work. */
    Clock clock();

    /** A seeded random source private to this node. */
    Rng random();

    /** This node's durable storage. */
    Storage storage();

    /** RPC to the other nodes of the group, and serving requests. */
    Transport transport();
}
