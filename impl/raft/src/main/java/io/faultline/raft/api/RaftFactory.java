package io.faultline.raft.api;

import io.faultline.core.runtime.Runtime;

/**
 * Creates Raft peers. Implementations are found by name ({@link #name()}), so the lab suite and the
 * harness can qualify any Raft: {@code --raft NAME}.
 */
public interface RaftFactory {
    /** Short unique name, e.g. {@code faultline}. */
    String name();

    /** One line for {@code --help}; planted-bug variants say which bug they plant. */
    String description();

    /**
     * A new peer that restores itself from {@code runtime.storage()} and starts its timers.
     * Must return quickly.
     */
    RaftNode create(Runtime runtime, RaftConfig config, ApplySink sink);
}
