package io.faultline.raft;

import io.faultline.core.runtime.Runtime;
import io.faultline.raft.api.ApplySink;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.core.CoreOptions;

/** An "external" Raft registered through META-INF/services in the test classpath. */
public final class ExternalFactoryForTest implements RaftFactory {
    @Override
    public String name() {
        return "external-test";
    }

    @Override
    public String description() {
        return "test-only external factory found by ServiceLoader";
    }

    @Override
    public RaftNode create(Runtime runtime, RaftConfig config, ApplySink sink) {
        return new RaftDriver(runtime, config, sink, CoreOptions.STANDARD);
    }
}
