package io.faultline.vertx.cluster;

import io.faultline.core.Check;
import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.node.NodeMain;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A group of node processes (any {@code --system}; Raft by default) on loopback ({@code java -cp CLASSPATH NodeMain ...}), node i on
 * 127.0.0.(10+i), admin endpoints on 127.0.0.1. Processes are killed with SIGKILL
 * ({@link Process#destroyForcibly}) by {@link #kill}, by {@link #close} and by a JVM shutdown hook,
 * so none outlives its owner (short of the owner itself being SIGKILLed).
 */
public final class ProcessCluster implements AutoCloseable {
    /**
     * @param nodes          group size
     * @param baseDir        node i keeps its files in {@code baseDir/node-i} and logs to {@code baseDir/node-i.log}
     * @param classpath      class path of the node JVMs (holding this module and faultline-raft)
     * @param raft           Raft implementation name
     * @param appliedKeepMax applied entries each node keeps for {@link #applied}
     * @param jvmArgs        extra JVM flags for the nodes
     * @param startTimeout   how long a node may take to print its ready line
     * @param system         the {@code --system} of every node
     * @param nodeArgs       extra node flags (e.g. {@code --maxraftstate 4000 --variant bug-local-get})
     */
    public record Options(int nodes, Path baseDir, String classpath, String raft, int appliedKeepMax,
                          List<String> jvmArgs, Duration startTimeout, String system, List<String> nodeArgs) {
        public Options {
            Check.inRange(nodes, 1, 9, "nodes");
            Check.notNull(baseDir, "baseDir");
            Check.notNull(classpath, "classpath");
            Check.notNull(system, "system");
            jvmArgs = List.copyOf(jvmArgs);
            nodeArgs = List.copyOf(nodeArgs);
        }

        /** A Raft group ({@code --system raft}). */
        public Options(int nodes, Path baseDir, String classpath, String raft, int appliedKeepMax, List<String> jvmArgs,
                       Duration startTimeout) {
            this(nodes, baseDir, classpath, raft, appliedKeepMax, jvmArgs, startTimeout, "raft", List.of());
        }
    }

    private final Options options;
    private final List<Endpoint> peers = new ArrayList<>();
    private final List<Endpoint> admins = new ArrayList<>();
    private final Process[] processes;
    /** A node that stopped on its own: its index, and "exited with code C; its log ends: ..." */
    private record Exit(int node, String what) {}

    private final List<Exit> unexpectedExits = new ArrayList<>();
    private final Set<Long> noticedExits = new java.util.TreeSet<>();
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread hook = new Thread(this::killAll, "faultline-cluster-kill");
    private final long[] logStart;
    private volatile java.util.function.IntFunction<Path> logFileOf;

    /**
     * Node JVM flags for a small group on a 2-core machine: small heap, serial GC, C1 only (quick
     * start), 512 KiB thread stacks.
     */
    public static final List<String> SMALL_NODE_JVM_ARGS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    public ProcessCluster(Options options) {
        this(options, 0);
    }

    /** Nodes on {@code 127.0.hostBlock.(10+i)} (see {@link HostBlock}); block 0 is {@link #ProcessCluster(Options)}. */
    public ProcessCluster(Options options, int hostBlock) {
        this.options = options;
        this.processes = new Process[options.nodes()];
        this.logStart = new long[options.nodes()];
        byte[] t = new byte[12];
        new SecureRandom().nextBytes(t);
        this.token = HexFormat.of().formatHex(t);
        for (int i = 0; i < options.nodes(); i++) {
            String host = Endpoint.nodeHost(hostBlock, i);
            peers.add(new Endpoint(host, freePort(host)));
            admins.add(new Endpoint("127.0.0.1", freePort("127.0.0.1")));
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public List<Endpoint> peers() {
        return List.copyOf(peers);
    }

    public int size() {
        return options.nodes();
    }

    public Path dataDir(int i) {
        return options.baseDir().resolve("node-" + i);
    }

    public Path logFile(int i) {
        java.util.function.IntFunction<Path> f = logFileOf;
        return f != null ? f.apply(i) : options.baseDir().resolve("node-" + i + ".log");
    }

    /**
     * Puts node i's log at {@code logFileOf.apply(i)} instead of {@code baseDir/node-i.log} (call
     * before starting nodes). Either way a restarted node appends to its log, after a marker line.
     */
    public ProcessCluster logFiles(java.util.function.IntFunction<Path> logFileOf) {
        this.logFileOf = Check.notNull(logFileOf, "logFileOf");
        return this;
    }

    /** Starts every node and waits until each is ready. */
    public void startAll() {
        for (int i = 0; i < size(); i++) {
            launch(i);
        }
        for (int i = 0; i < size(); i++) {
            awaitReady(i);
        }
    }

    /** Starts node {@code i} (which must be down) and waits for its ready line. */
    public void start(int i) {
        launch(i);
        awaitReady(i);
    }

    /** SIGKILLs node {@code i} and waits for it to be gone. */
    public void kill(int i) {
        Process p = processes[i];
        noteIfExitedOnItsOwn(i);
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            processes[i] = null;
        }
    }

    /** The OS process id of node i, or -1 if it is down. */
    public long pid(int i) {
        Process p = processes[i];
        return p == null ? -1 : p.pid();
    }

    public boolean isUp(int i) {
        return processes[i] != null && processes[i].isAlive();
    }

    /**
     * Nodes that stopped without being killed through this cluster (a fatal error, a failed safety
     * check, a crash), each as "node I exited with code C: LOG TAIL", in the order noticed. A node is
     * noticed when it is next killed or started, or by this call.
     */
    public List<String> unexpectedExits() {
        return unexpectedExits(i -> "node " + i);
    }

    /** {@link #unexpectedExits()} with node i called {@code name.apply(i)}. */
    public synchronized List<String> unexpectedExits(java.util.function.IntFunction<String> name) {
        for (int i = 0; i < processes.length; i++) {
            noteIfExitedOnItsOwn(i);
        }
        return unexpectedExits.stream().map(e -> name.apply(e.node()) + " " + e.what()).toList();
    }

    private synchronized void noteIfExitedOnItsOwn(int i) {
        Process p = processes[i];
        if (p != null && !p.isAlive() && !noticedExits.contains(p.pid())) {
            noticedExits.add(p.pid());
            String log = readLog(i);
            String since = log.substring((int) Math.min(logStart[i], log.length()));
            unexpectedExits.add(new Exit(i, "exited with code " + p.exitValue() + "; its log ends:\n" + tail(since).strip()));
        }
    }

    /** {@code GET /status} of node i, or null if it does not answer. */
    public JsonObject status(int i) {
        String body = get(i, "/status");
        return body == null ? null : new JsonObject(body);
    }

    /** The node that reports itself leader in the highest term, or -1. */
    public int leader() {
        int best = -1;
        long bestTerm = -1;
        for (int i = 0; i < size(); i++) {
            JsonObject s = isUp(i) ? status(i) : null;
            if (s != null && "LEADER".equals(s.getString("role")) && s.getLong("term") > bestTerm) {
                best = i;
                bestTerm = s.getLong("term");
            }
        }
        return best;
    }

    /** Waits up to {@code timeout} for a leader; returns its id or -1. */
    public int awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int l = leader();
            if (l >= 0) {
                return l;
            }
            sleep(50);
        }
        return -1;
    }

    /** Applied entries of node i from index {@code from} (up to {@code max}); JSON objects with index, term, command. */
    public JsonArray applied(int i, long from, int max) {
        String body = get(i, "/applied?from=" + from + "&max=" + max);
        return body == null ? null : new JsonObject(body).getJsonArray("entries");
    }

    /** Sets node i's transport filter (drop traffic to/from {@code peers}). */
    public boolean filter(int i, Set<Integer> dropPeers) {
        String list = dropPeers.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        return post(i, "/filter?drop=" + list, new byte[0]) != null;
    }

    /** Sets node i's clock offset. */
    public boolean clockOffset(int i, long offsetMs) {
        return post(i, "/clock?offsetMs=" + offsetMs, new byte[0]) != null;
    }

    /** Sets node i's inbound delay and loss at its transport ({@code POST /net}); 0 clears each. */
    public boolean netConditions(int i, long delayMs, double lossProbability) {
        return post(i, "/net?delayMs=" + delayMs + "&lossProbability=" + lossProbability, new byte[0]) != null;
    }

    /**
     * Lets the nodes outlive this JVM: removes the shutdown hook that would kill them ({@link #close}
     * still kills them). For a harness told to leave its nodes running.
     */
    public void detach() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: too late to keep them
        }
    }

    /** Kills every node. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the same
        }
    }

    private void killAll() {
        for (int i = 0; i < processes.length; i++) {
            kill(i);
        }
    }

    private void launch(int i) {
        Check.that(!isUp(i), "node %s is already running", i);
        noteIfExitedOnItsOwn(i);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options.jvmArgs());
        cmd.add("-cp");
        cmd.add(options.classpath());
        cmd.add(NodeMain.class.getName());
        cmd.addAll(List.of("--system", options.system(), "--id", String.valueOf(i),
                "--peers", peers.stream().map(Endpoint::toString).collect(Collectors.joining(",")),
                "--data-dir", dataDir(i).toString(), "--admin", admins.get(i).toString(),
                "--admin-token", token, "--raft", options.raft()));
        if (options.system().equals("raft")) {
            cmd.addAll(List.of("--applied-keep", String.valueOf(options.appliedKeepMax())));
        }
        cmd.addAll(options.nodeArgs());
        try {
            Files.createDirectories(options.baseDir());
            Path log = logFile(i);
            Files.createDirectories(log.toAbsolutePath().getParent());
            if (Files.exists(log) && Files.size(log) > 0) {
                Files.writeString(log, "--- faultline: node " + i + " restarted ---\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
            } else {
                Files.writeString(log, "", StandardCharsets.UTF_8);
            }
            logStart[i] = Files.size(log);
            processes[i] = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(i).toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + i, e);
        }
    }

    private void awaitReady(int i) {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            String log = readLog(i);
            if (log.indexOf("faultline-node ready id=" + i, (int) Math.min(logStart[i], log.length())) >= 0) {
                return;
            }
            if (processes[i] == null || !processes[i].isAlive()) {
                String code = processes[i] == null ? "?" : String.valueOf(processes[i].exitValue());
                processes[i] = null;
                throw new IllegalStateException("node " + i + " exited (code " + code + ") during start-up: " + tail(readLog(i)));
            }
            sleep(20);
        }
        kill(i);
        throw new IllegalStateException("node " + i + " not ready within " + options.startTimeout() + ": " + tail(readLog(i)));
    }

    /** The node's log so far. */
    public String readLog(int i) {
        try {
            return Files.readString(logFile(i), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String log) {
        return log.length() <= 2000 ? log : log.substring(log.length() - 2000);
    }

    private String get(int i, String path) {
        return send(HttpRequest.newBuilder(uri(i, path)).GET(), i);
    }

    private String post(int i, String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(i, path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)), i);
    }

    private String send(HttpRequest.Builder b, int i) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private URI uri(int i, String path) {
        return URI.create("http://" + admins.get(i) + path);
    }

    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
