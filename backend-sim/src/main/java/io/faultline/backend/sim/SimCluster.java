package io.faultline.backend.sim;

import io.faultline.core.Check;
import io.faultline.kvraft.KvRaftServer;
import io.faultline.kvraft.KvRaftVariant;
import io.faultline.kvsrv.KvLimits;
import io.faultline.kvsrv.KvServer;
import io.faultline.raft.RaftFactories;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftStatus;
import io.faultline.sim.Group;
import io.faultline.sim.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The simulated nodes of one test: a {@link Group} of kvsrv or kvraft servers whose runtimes go
 * through the shared {@link Links}. Node {@code n(i+1)} is group server i ({@code server-0-i}).
 */
final class SimCluster {
    private final SimBackendOptions options;
    private final Group<?> group;
    private final Group<KvRaftServer> kvraft;
    private final Group<KvServer> kvsrv;
    private final Links links;
    private final List<String> nodeNames;
    private boolean started;
    static final int FATAL_ERRORS_MAX = 10_000;
    private final List<String> fatalErrors = new ArrayList<>();
    private final ShapedRuntime[] shaped;

    SimCluster(Simulation sim, SimBackendOptions options, Links links) {
        this.options = options;
        this.links = links;
        this.shaped = new ShapedRuntime[options.nodes()];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < options.nodes(); i++) {
            names.add("n" + (i + 1));
        }
        this.nodeNames = Collections.unmodifiableList(names);
        if (options.system().equals("kvraft")) {
            RaftFactory factory = RaftFactories.byName(options.raft());
            KvRaftVariant variant = kvraftVariant(options.variantOrDefault());
            RaftConfig rc = RaftConfig.defaults(options.nodes());
            int maxRaftState = options.maxRaftState();
            this.kvraft = sim.makeGroup(0, options.nodes(), rt -> {
                Object[] self = new Object[1];
                KvRaftServer s = new KvRaftServer(shape(sim, rt, self),
                        factory, rc, maxRaftState, KvLimits.defaults(), variant);
                self[0] = s;
                return s;
            }, KvRaftServer::kill);
            this.kvsrv = null;
            this.group = kvraft;
        } else {
            this.kvsrv = sim.makeGroup(0, 1, rt -> {
                Object[] self = new Object[1];
                KvServer s = new KvServer(shape(sim, rt, self),
                        KvLimits.defaults());
                self[0] = s;
                return s;
            }, KvServer::kill);
            this.kvraft = null;
            this.group = kvsrv;
        }
    }

    /** Node i's current incarnation's runtime (the last one started), for tests. */
    ShapedRuntime runtime(int i) {
        return shaped[i];
    }

    private ShapedRuntime shape(Simulation sim, io.faultline.core.runtime.Runtime rt, Object[] self) {
        ShapedRuntime s = new ShapedRuntime(rt, links, e -> fatal(sim, rt.nodeId(), self[0], e));
        shaped[rt.nodeId()] = s;
        return s;
    }

    /**
     * A callback of node i's incarnation {@code server} threw: like a node process exiting on a
     * fatal error, the node crashes (at once, as the next event) and the error is kept for
     * {@link #fatalErrors()}. A restart brings it back from its storage.
     */
    private void fatal(Simulation sim, int i, Object server, Throwable e) {
        Check.that(fatalErrors.size() < FATAL_ERRORS_MAX, "more than %s fatal node errors", FATAL_ERRORS_MAX);
        fatalErrors.add(String.format(java.util.Locale.ROOT, "t=%.3f s %s: fatal error in a callback: %s", sim.nowNanos() / 1e9,
                nodeNames.get(i), e));
        sim.schedule(0, () -> {
            if (group.node(i) == server) {
                group.crash(i);
            }
        });
    }

    /** The fatal node errors so far (each crashed its node), oldest first. */
    List<String> fatalErrors() {
        return Collections.unmodifiableList(fatalErrors);
    }

    static KvRaftVariant kvraftVariant(String label) {
        for (KvRaftVariant v : KvRaftVariant.values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown kvraft variant " + label);
    }

    SimBackendOptions options() {
        return options;
    }

    Group<?> group() {
        return group;
    }

    Links links() {
        return links;
    }

    List<String> nodeNames() {
        return nodeNames;
    }

    /** Starts every server and connects them (once). */
    void start() {
        Check.that(!started, "nodes already started");
        started = true;
        group.startServers();
    }

    boolean started() {
        return started;
    }

    /** The group index of node {@code n<k>}; unknown names raise an error listing the nodes. */
    int index(String node) {
        int i = nodeNames.indexOf(node);
        if (i < 0) {
            throw new IllegalArgumentException("unknown node '" + node + "'; nodes: " + nodeNames);
        }
        return i;
    }

    /** The group index of {@code serverName} ({@code server-0-i}), or -1. */
    int indexOfServer(String serverName) {
        for (int i = 0; i < group.size(); i++) {
            if (group.serverName(i).equals(serverName)) {
                return i;
            }
        }
        return -1;
    }

    String serverName(int index) {
        return group.serverName(index);
    }

    /**
     * The live, running (not paused) node whose Raft says it is leader in the highest term; null
     * when none does. A paused node is left out, as a paused process cannot answer. kvsrv's single
     * server counts as its own leader while it is up.
     */
    String leader() {
        if (kvsrv != null) {
            return kvsrv.isAlive(0) && !kvsrv.isPaused(0) ? nodeNames.get(0) : null;
        }
        String best = null;
        long bestTerm = -1;
        for (int i = 0; i < kvraft.size(); i++) {
            KvRaftServer s = kvraft.node(i);
            if (s == null || kvraft.isPaused(i)) {
                continue;
            }
            RaftStatus st = s.raft().status();
            if (st.isLeader() && st.term() > bestTerm) {
                bestTerm = st.term();
                best = nodeNames.get(i);
            }
        }
        return best;
    }
}
