package io.faultline.raft.storage;

/** Stored Raft state is corrupt or inconsistent; the message names the node, the file and the offset. */
public final class RaftStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RaftStorageException(String message) {
        super(message);
    }
}
