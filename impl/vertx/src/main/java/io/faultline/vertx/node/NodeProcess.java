package io.faultline.vertx.node;

import io.faultline.vertx.NodeConfig;
import io.faultline.vertx.VertxNode;
import io.faultline.vertx.net.TransportConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A node process: one group member on Vert.x plus its admin endpoint, running until the process is
 * killed. What it runs is built by the {@link NodeSystems} hook that {@code --system} names. On start it prints one line {@code faultline-node ready id=I listen=HOST:PORT admin=HOST:PORT}
 * to stdout; a start-up failure (for example corrupt Raft storage, whose message names file and
 * offset) is printed to stderr and {@link #run} returns {@value #EXIT_START_FAILED}.
 */
public final class NodeProcess {
    public static final int EXIT_START_FAILED = 3;
    /** Proposals awaiting their apply, at most. */
    public static final int PENDING_PROPOSALS_MAX = 100_000;
    /** A pending proposal older than this is forgotten (its client gave up long ago). */
    public static final long PENDING_PROPOSAL_NANOS_MAX = 60_000_000_000L;

    private NodeProcess() {}

    /** Starts the node and blocks for the life of the process; returns an exit code only on failure. */
    public static int run(NodeOptions options, PrintStream out, PrintStream err) {
        NodeSystems.Hook hook;
        try {
            hook = NodeSystems.hook(options);
        } catch (IllegalArgumentException e) {
            err.println("faultline node: " + e.getMessage());
            return 2;
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        try {
            Running r = start(vertx, options, hook);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> r.stop().join(), "faultline-node-stop"));
            out.println("faultline-node ready id=" + options.id() + " listen=" + options.peers().get(options.id())
                    + " admin=" + options.admin() + " pid=" + ProcessHandle.current().pid());
            out.flush();
            r.fatal.join();
            err.println("faultline node " + options.id() + ": fatal: " + r.fatal.join());
            return EXIT_START_FAILED;
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            err.println("faultline node " + options.id() + ": cannot start: " + cause.getMessage());
            err.flush();
            vertx.close();
            return EXIT_START_FAILED;
        }
    }

    /** A started node: stop it, or wait for a fatal error. */
    public static final class Running {
        final VertxNode<NodeService> node;
        final AdminServer admin;
        final CompletableFuture<String> fatal;

        Running(VertxNode<NodeService> node, AdminServer admin, CompletableFuture<String> fatal) {
            this.node = node;
            this.admin = admin;
            this.fatal = fatal;
        }

        public VertxNode<NodeService> node() {
            return node;
        }

        public CompletableFuture<Void> stop() {
            admin.close();
            return node.stop(NodeService::kill);
        }
    }

    /** Starts a node on {@code vertx} (blocking until it serves); used by {@link #run} and by tests. */
    public static Running start(Vertx vertx, NodeOptions options, NodeSystems.Hook hook) {
        String token = options.adminToken() != null ? options.adminToken() : makeToken(options.dataDir());
        NodeConfig config = new NodeConfig(options.id(), options.peers(), options.dataDir(), seed(options),
                TransportConfig.defaults());
        CompletableFuture<String> fatal = new CompletableFuture<>();
        VertxNode<NodeService> node = VertxNode.start(vertx, config,
                rt -> hook.build(rt, options),
                t -> fatal.complete(String.valueOf(t.getMessage() == null ? t : t.getMessage())))
                .toCompletionStage().toCompletableFuture().join();
        AdminServer admin = new AdminServer(node, token);
        try {
            node.onContext(() -> admin.listen(vertx, options.admin())).join()
                    .toCompletionStage().toCompletableFuture().join();
        } catch (CompletionException e) {
            node.stop(NodeService::kill).join();
            throw new IllegalStateException("admin endpoint cannot listen on " + options.admin() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        return new Running(node, admin, fatal);
    }

    private static long seed(NodeOptions o) {
        return System.nanoTime() ^ ((long) o.id() << 48);
    }

    private static String makeToken(Path dataDir) {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        try {
            Files.createDirectories(dataDir);
            Path f = dataDir.resolve("admin-token");
            Files.writeString(f, token + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + dataDir.resolve("admin-token"), e);
        }
        return token;
    }
}
