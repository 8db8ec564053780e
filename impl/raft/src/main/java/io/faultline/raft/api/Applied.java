package io.faultline.raft.api;

/** What Raft hands up to the service, in log order. */
public sealed interface Applied permits Applied.Command, Applied.Snapshot {
    long index();

    long term();

    /** A committed log entry. The first real entry has index 1. */
    record Command(long index, long term, byte[] command) implements Applied {}

    /** A snapshot installed from the leader, covering everything up to {@code index}. */
    record Snapshot(long index, long term, byte[] data) implements Applied {}
}
