package io.faultline.core.runtime;

import java.util.List;

/**
 * A node's durable storage: a flat directory of named files. Writes are visible to reads at once,
 * but survive a crash only once a later {@link #sync} has completed (the simulator can drop
 * unsynced writes on crash to prove it). Anything that depends on persisted state (a vote, an
 * acknowledgement) must be sent only after the sync that covers it.
 *
 * <p>Names are simple: {@code [A-Za-z0-9._-]+}. Data files should be written as checksummed
 * records ({@link io.faultline.core.codec.Records}) so corruption is detected on read.
 */
public interface Storage {
    /** The whole content of {@code name}, or {@code null} if it does not exist. */
    byte[] read(String name);

    /** Atomically replaces {@code name} with {@code bytes} (all or nothing, even on crash). */
    void write(String name, byte[] bytes);

    /** Appends to {@code name}, creating it if needed. A crash may leave a torn tail. */
    void append(String name, byte[] bytes);

    /** Cuts {@code name} to {@code sizeBytes}. */
    void truncate(String name, long sizeBytes);

    /** Removes {@code name}; removing a missing file does nothing. */
    void delete(String name);

    /** Size of {@code name} in bytes, 0 if it does not exist. */
    long sizeBytes(String name);

    /** Every file name, sorted. */
    List<String> list();

    /**
     * Makes every earlier write durable, then runs {@code onDurable} on the node's context (never
     * from inside this call).
     */
    void sync(Runnable onDurable);
}
