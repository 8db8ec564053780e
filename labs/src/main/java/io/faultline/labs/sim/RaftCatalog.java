package io.faultline.labs.sim;

import io.faultline.raft.api.RaftFactory;
import java.util.List;

/** The Raft implementations the suite can qualify, by name ({@code --raft NAME}). */
public interface RaftCatalog {
    /** Every implementation, in a fixed order. */
    List<RaftFactory> all();

    /** The name used when {@code --raft} is not given. */
    String defaultName();

    /** The implementation named {@code name}, or null. */
    default RaftFactory byName(String name) {
        for (RaftFactory f : all()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** A catalog over a fixed list; the first is the default. */
    static RaftCatalog of(List<RaftFactory> factories) {
        List<RaftFactory> copy = List.copyOf(factories);
        return new RaftCatalog() {
            @Override
            public List<RaftFactory> all() {
                return copy;
            }

            @Override
            public String defaultName() {
                return copy.get(0).name();
            }
        };
    }
}
