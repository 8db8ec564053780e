package io.faultline.bench;

/**
 * One system under measurement in {@code faultline bench kvraft}, already started: kvraft node
 * processes ({@link KvRaftSide}) or etcd with its driver ({@link EtcdSide}). {@link #close} kills
 * every process the side started.
 */
interface Side extends AutoCloseable {
    /** Unmeasured Puts then Gets with {@code inFlight} outstanding for {@code seconds} each (JIT warm-up). */
    void prewarm(int inFlight, double seconds) throws InterruptedException;

    /** One setting: warm-up, then the measured window. */
    OpResult measure(boolean put, int inFlight) throws InterruptedException;

    @Override
    void close();
}
