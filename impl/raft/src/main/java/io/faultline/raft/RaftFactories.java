package io.faultline.raft;

import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.core.CoreOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every Raft the platform can test, by name: the built-in {@value #DEFAULT_NAME}, its planted-bug
 * variants (never the default; each breaks one rule so the suites can prove they catch it), and any
 * external {@link RaftFactory} found with {@link ServiceLoader} (a jar listing its class in
 * {@code META-INF/services/io.faultline.raft.api.RaftFactory}). Built-in names win over external ones.
 */
public final class RaftFactories {
    public static final String DEFAULT_NAME = "faultline";
    public static final String BUG_VOTE_NO_LOG_CHECK = "bug-vote-no-log-check";
    public static final String BUG_FIGURE8_COMMIT = "bug-figure8-commit";
    public static final String BUG_FORGET_VOTE = "bug-forget-vote";
    public static final String BUG_READ_NO_QUORUM = "bug-read-no-quorum";

    private RaftFactories() {}

    /** The built-in factories, default first. */
    public static List<RaftFactory> builtins() {
        return List.of(
                new FaultlineRaftFactory(DEFAULT_NAME, "Faultline Raft: I/O-free core on the Runtime SPI (correct)",
                        CoreOptions.STANDARD),
                new FaultlineRaftFactory(BUG_VOTE_NO_LOG_CHECK,
                        "PLANTED BUG: grants votes without the up-to-date-log check of §5.4.1",
                        CoreOptions.BUG_VOTE_NO_LOG_CHECK),
                new FaultlineRaftFactory(BUG_FIGURE8_COMMIT,
                        "PLANTED BUG: commits entries of earlier terms by counting replicas (Figure 8, §5.4.2)",
                        CoreOptions.BUG_FIGURE8_COMMIT),
                new FaultlineRaftFactory(BUG_FORGET_VOTE,
                        "PLANTED BUG: does not persist votedFor, so a restarted peer may vote twice in a term",
                        CoreOptions.BUG_FORGET_VOTE),
                new FaultlineRaftFactory(BUG_READ_NO_QUORUM,
                        "PLANTED BUG: confirms ReadIndex reads without a heartbeat round (thesis 6.4), so a deposed"
                                + " leader serves stale reads; only servers that read by ReadIndex (kvraft read-index)"
                                + " are affected",
                        CoreOptions.BUG_READ_NO_QUORUM));
    }

    /** Built-ins, then external factories (in ServiceLoader order) whose names are not taken. */
    public static List<RaftFactory> all() {
        Map<String, RaftFactory> byName = new LinkedHashMap<>();
        for (RaftFactory f : builtins()) {
            byName.put(f.name(), f);
        }
        for (RaftFactory f : ServiceLoader.load(RaftFactory.class)) {
            byName.putIfAbsent(f.name(), f);
        }
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    public static List<String> names() {
        return all().stream().map(RaftFactory::name).toList();
    }

    /** The factory called {@code name}; unknown names raise an error listing the known ones. */
    public static RaftFactory byName(String name) {
        for (RaftFactory f : all()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown raft implementation '" + name + "'; known: "
                + String.join(", ", names()));
    }

    public static RaftFactory defaultFactory() {
        return byName(DEFAULT_NAME);
    }
}
