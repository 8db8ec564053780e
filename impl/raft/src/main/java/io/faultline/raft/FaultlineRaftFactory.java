package io.faultline.raft;

import io.faultline.core.Check;
import io.faultline.core.runtime.Runtime;
import io.faultline.raft.api.ApplySink;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.core.CoreOptions;

/** Creates {@link RaftDriver} peers with the given core options (correct Raft, or one planted bug). */
public final class FaultlineRaftFactory implements RaftFactory {
    private final String name;
    private final String description;
    private final CoreOptions options;

    public FaultlineRaftFactory(String name, String description, CoreOptions options) {
        this.name = Check.notNull(name, "name");
        this.description = Check.notNull(description, "description");
        this.options = Check.notNull(options, "options");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    public CoreOptions options() {
        return options;
    }

    @Override
    public RaftNode create(Runtime runtime, RaftConfig config, ApplySink sink) {
        return new RaftDriver(runtime, config, sink, options);
    }
}
