package io.faultline.vertx.node;

import io.faultline.kvraft.KvRaftServer;
import io.faultline.kvraft.KvRaftVariant;
import io.faultline.kvsrv.KvLimits;
import io.faultline.kvsrv.KvServer;
import io.faultline.raft.RaftFactories;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.vertx.VertxRuntime;
import java.util.List;

/**
 * The per-system hooks of a node process, chosen by {@code --system}: each builds the
 * {@link NodeService} from the node's runtime and the options (on the node's context).
 */
public final class NodeSystems {
    /** Builds a system on a started runtime. */
    @FunctionalInterface
    public interface Hook {
        NodeService build(VertxRuntime runtime, NodeOptions options);
    }

    /** The systems {@code --system} accepts, in the order {@code --help} lists them. */
    public static final List<String> NAMES = List.of("raft", "kvsrv", "kvraft");

    private NodeSystems() {}

    /**
     * The hook for {@code options.system()}; resolves the Raft implementation and the variant first,
     * so an unknown name is an {@link IllegalArgumentException} (exit 2) before anything starts.
     */
    public static Hook hook(NodeOptions options) {
        switch (options.system()) {
            case "raft": {
                RaftFactory factory = RaftFactories.byName(options.raft());
                return (rt, o) -> new RaftService(rt, factory, RaftConfig.defaults(o.peers().size()), o.appliedKeepMax(),
                        NodeProcess.PENDING_PROPOSALS_MAX, NodeProcess.PENDING_PROPOSAL_NANOS_MAX);
            }
            case "kvsrv":
                return (rt, o) -> new KvNodeService.Single(new KvServer(rt, limits(o)));
            case "kvraft": {
                RaftFactory factory = RaftFactories.byName(options.raft());
                KvRaftVariant variant = variant(options.variant());
                return (rt, o) -> new KvNodeService.Replicated(new KvRaftServer(rt, factory,
                        RaftConfig.defaults(o.peers().size()), o.maxRaftState(), limits(o), variant), variant);
            }
            default:
                throw new IllegalArgumentException("--system must be one of " + NAMES + ", was " + options.system());
        }
    }

    /** The kvraft variant labelled {@code label} ({@code kvraft} is the correct server). */
    public static KvRaftVariant variant(String label) {
        for (KvRaftVariant v : KvRaftVariant.values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        StringBuilder known = new StringBuilder();
        for (KvRaftVariant v : KvRaftVariant.values()) {
            known.append(known.length() == 0 ? "" : ", ").append(v.label);
        }
        throw new IllegalArgumentException("--variant must be one of [" + known + "], was " + label);
    }

    private static KvLimits limits(NodeOptions o) {
        return new KvLimits(o.keyBytesMax(), o.valueBytesMax());
    }
}
