package io.faultline.labs.sim;

import io.faultline.raft.RaftFactories;
import io.faultline.raft.api.RaftFactory;
import java.util.List;

/** The catalog of Raft implementations the platform knows: {@link RaftFactories}. */
final class RaftCatalogs {
    private RaftCatalogs() {}

    static RaftCatalog registry() {
        return new RaftCatalog() {
            @Override
            public List<RaftFactory> all() {
                return RaftFactories.all();
            }

            @Override
            public String defaultName() {
                return RaftFactories.DEFAULT_NAME;
            }
        };
    }
}
