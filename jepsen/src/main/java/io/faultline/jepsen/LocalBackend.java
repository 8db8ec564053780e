package io.faultline.jepsen;

import io.faultline.faults.FaultBackend;
import io.faultline.faults.local.LocalFaultBackend;
import io.faultline.harness.KvClerks;
import io.faultline.harness.TestBackend;
import io.faultline.harness.interp.Env;
import io.faultline.vertx.cluster.HostBlock;
import io.faultline.vertx.cluster.ProcessCluster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The default backend: N node JVMs ({@code NodeMain --system kvraft|kvsrv}) on 127.0.B.(10+i),
 * through {@link ProcessCluster}, where B is a {@link HostBlock} this run holds alone (so two runs
 * at once never cut, drop or delay each other's traffic, which the local nemeses do by address); each node's output goes to the store's
 * {@code nodes/nK/node.log}, its data to a temporary directory (deleted at the end unless nodes
 * are left running). Faults through H2's {@link LocalFaultBackend} (iptables chain on lo, or the
 * transport filter), clients through {@link LocalKvClerks}. Runs the test on the calling thread in
 * real time. Node pids are recorded with {@link Leftovers} so a harness that dies is cleaned up by
 * the next one.
 */
final class LocalBackend implements TestBackend {
    static final String DATA_DIR_PREFIX = "faultline-data-";
    static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(40);
    static final List<String> NODE_JVM_ARGS = ProcessCluster.SMALL_NODE_JVM_ARGS;

    private final TestSpec spec;
    private final RunStore store;
    private final Env env;
    private final Leftovers leftovers;
    private final Path dataDir;
    private ProcessCluster cluster;
    private HostBlock hosts;
    private LocalFaultBackend faults;
    private LocalKvClerks clerks;
    private List<Long> recordedPids = List.of();
    private volatile boolean closed;

    LocalBackend(TestSpec spec, RunStore store, Env env, Leftovers leftovers) throws IOException {
        this.spec = spec;
        this.store = store;
        this.env = env;
        this.leftovers = leftovers;
        this.dataDir = Files.createTempDirectory(DATA_DIR_PREFIX);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void run(BackendTask task) throws Exception {
        task.run(env);
    }

    @Override
    public void startNodes() {
        List<String> nodeArgs = new ArrayList<>();
        if (spec.system().equals("kvraft")) {
            nodeArgs.addAll(List.of("--variant", spec.systemVariantLabel(), "--maxraftstate", String.valueOf(spec.maxRaftState())));
        }
        hosts = HostBlock.acquire(HostBlock.standardDir());
        cluster = new ProcessCluster(new ProcessCluster.Options(spec.nodes(), dataDir, nodeClasspath(dataDir.resolve("jars")),
                spec.raft(), 0, nodeJvmArgs(), NODE_START_TIMEOUT, spec.system(), nodeArgs), hosts.block());
        cluster.logFiles(i -> store.nodeLog("n" + (i + 1)));
        try {
            cluster.startAll();
        } catch (RuntimeException e) {
            for (int i = 0; i < cluster.size(); i++) {
                if (!cluster.isUp(i)) {
                    String n = "n" + (i + 1);
                    throw new IllegalStateException("node " + n + " failed to start (" + Runner.describe(e).lines().findFirst().orElse("")
                            + "); last lines of " + store.nodeLog(n) + ":\n" + logTail(n, 20), e);
                }
            }
            throw e;
        } finally {
            recordPids();
        }
        faults = new LocalFaultBackend(cluster);
        clerks = new LocalKvClerks(hosts.host(LocalKvClerks.CLIENT_LAST_OCTET), cluster.peers(), spec.nodeNames(),
                spec.system(), spec.systemVariantLabel());
    }

    /** The node JVMs' flags: {@link #NODE_JVM_ARGS}, then those of {@code -Dfaultline.nodeJvmArgs} (space-separated). */
    static List<String> nodeJvmArgs() {
        List<String> out = new ArrayList<>(NODE_JVM_ARGS);
        String extra = System.getProperty("faultline.nodeJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            out.addAll(List.of(extra.split("\\s+")));
        }
        return out;
    }

    @Override
    public List<String> nodeFailures() {
        if (cluster == null) {
            return List.of();
        }
        return cluster.unexpectedExits(i -> "n" + (i + 1));
    }

    /** Waits for a leader (kvraft); true when there is one (kvsrv: when its one node is up). */
    boolean awaitLeader(Duration timeout) {
        if (spec.system().equals("kvsrv")) {
            return cluster.isUp(0);
        }
        return cluster.awaitLeader(timeout) >= 0;
    }

    /** Restarts nodes that are down (after the heal), and re-records pids; returns the names restarted. */
    List<String> restartDownNodes() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            if (!cluster.isUp(i)) {
                cluster.start(i);
                out.add("n" + (i + 1));
            }
        }
        recordPids();
        return out;
    }

    /** Re-records node pids when they changed (a restart); returns an error text or null. */
    synchronized String recordPids() {
        if (cluster == null || closed) {
            return null;
        }
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            pids.add(cluster.pid(i));
        }
        if (pids.equals(recordedPids)) {
            return null;
        }
        recordedPids = pids;
        return leftovers.record(pids, dataDir);
    }

    ProcessCluster cluster() {
        return cluster;
    }

    @Override
    public FaultBackend faults() {
        return faults;
    }

    @Override
    public KvClerks clerks() {
        return clerks;
    }

    /** The last lines of node {@code name}'s log. */
    String logTail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(store.nodeLog(name));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (faults != null) {
            faults.close();
        }
        if (clerks != null) {
            clerks.close();
        }
        if (spec.leaveRunning() && cluster != null) {
            cluster.detach(); // nodes, data and the pid file stay; the next run's cleanup kills them once this harness is gone
            return; // the host block stays held until this process exits
        }
        if (cluster != null) {
            cluster.close();
        }
        if (hosts != null) {
            hosts.close();
        }
        leftovers.clear();
        deleteTree(dataDir);
    }

    Path dataDir() {
        return dataDir;
    }

    /**
     * The node JVMs' class path: this JVM's (the shaded jar, or a test's class path), with project
     * jars from the local Maven repository copied first so a re-install during the run cannot swap
     * classes under a running node.
     */
    static String nodeClasspath(Path jarsDir) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        try {
            for (String entry : cp.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                String name = p.getFileName() == null ? "" : p.getFileName().toString();
                if (entry.contains(File.separator + ".m2" + File.separator) && name.startsWith("faultline-") && name.endsWith(".jar")) {
                    Files.createDirectories(jarsDir);
                    Path copy = jarsDir.resolve(name);
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                    out.add(copy.toString());
                } else {
                    out.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the node class path", e);
        }
        return String.join(File.pathSeparator, out);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
