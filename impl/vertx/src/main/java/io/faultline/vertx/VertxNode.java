package io.faultline.vertx;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.vertx.net.NetworkConditions;
import io.faultline.vertx.net.TcpTransport;
import io.faultline.vertx.net.TransportFilter;
import io.faultline.vertx.storage.FileStorage;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One group member on Vert.x: a verticle whose context runs every callback of the node (timers,
 * replies, request handlers, sync completions), so the system core on it needs no locks.
 *
 * <pre>{@code
 * VertxNode node = VertxNode.start(vertx, config, rt -> raftFactory.create(rt, raftConfig, sink), onFatal)
 *         .toCompletionStage().toCompletableFuture().join();
 * node.onContext(() -> node.system().status()).join();   // from any thread
 * node.stop().join();
 * }</pre>
 *
 * @param <S> the system built on the runtime (a RaftNode, a KV server, ...)
 */
public final class VertxNode<S> {
    private static final System.Logger LOG = System.getLogger(VertxNode.class.getName());

    private final Vertx vertx;
    private final NodeConfig config;
    private final TransportFilter filter;
    private final NetworkConditions conditions;
    private volatile Context context;
    private volatile VertxRuntime runtime;
    private volatile S system;
    private volatile String deploymentId;
    private volatile boolean stopped;

    private VertxNode(Vertx vertx, NodeConfig config, TransportFilter filter, NetworkConditions conditions) {
        this.vertx = vertx;
        this.config = config;
        this.filter = filter;
        this.conditions = conditions;
    }

    /**
     * Deploys the node: opens storage, builds the system with {@code systemFactory} on the node's
     * context, then listens. {@code onFatal} runs (on the context) for an exception escaping a
     * callback or a failed fsync; the node stops serving after it.
     */
    public static <S> Future<VertxNode<S>> start(Vertx vertx, NodeConfig config, Function<VertxRuntime, S> systemFactory,
                                                Consumer<Throwable> onFatal) {
        return start(vertx, config, new TransportFilter(), new NetworkConditions(), systemFactory, onFatal);
    }

    /**
     * Like {@link #start(Vertx, NodeConfig, Function, Consumer)}, with a filter and network faults
     * that are in force from the first packet (a harness may share {@code conditions} between nodes).
     */
    public static <S> Future<VertxNode<S>> start(Vertx vertx, NodeConfig config, TransportFilter filter,
                                                NetworkConditions conditions, Function<VertxRuntime, S> systemFactory,
                                                Consumer<Throwable> onFatal) {
        VertxNode<S> node = new VertxNode<>(vertx, config, filter, conditions);
        return vertx.deployVerticle(node.new NodeVerticle(systemFactory, onFatal)).map(id -> {
            node.deploymentId = id;
            return node;
        });
    }

    public NodeConfig config() {
        return config;
    }

    public Context context() {
        return context;
    }

    public VertxRuntime runtime() {
        return runtime;
    }

    public S system() {
        return system;
    }

    /** Injected network faults: inbound delay and loss, labrpc's unreliable network (thread-safe). */
    public NetworkConditions conditions() {
        return conditions;
    }

    /** Drops traffic to/from chosen peers (thread-safe). */
    public TransportFilter filter() {
        return filter;
    }

    /** Runs {@code action} on the node's context, from any thread. */
    public <T> CompletableFuture<T> onContext(Supplier<T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                f.complete(action.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /**
     * Stops the node: runs {@code beforeClose} on the context (kill the system there), then closes
     * the transport and storage. Idempotent.
     */
    public CompletableFuture<Void> stop(Consumer<S> beforeClose) {
        if (stopped) {
            return CompletableFuture.completedFuture(null);
        }
        stopped = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                beforeClose.accept(system);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "node" + config.nodeId() + ": error while stopping", t);
            }
            vertx.undeploy(deploymentId).onComplete(ar -> done.complete(null));
        });
        return done;
    }

    private final class NodeVerticle extends AbstractVerticle {
        private final Function<VertxRuntime, S> systemFactory;
        private final Consumer<Throwable> onFatal;

        NodeVerticle(Function<VertxRuntime, S> systemFactory, Consumer<Throwable> onFatal) {
            this.systemFactory = systemFactory;
            this.onFatal = onFatal;
        }

        @Override
        public void start(Promise<Void> started) {
            Context ctx = vertx.getOrCreateContext();
            VertxNode.this.context = ctx;
            int id = config.nodeId();
            ctx.exceptionHandler(t -> {
                LOG.log(System.Logger.Level.ERROR, "node" + id + ": fatal error in a callback", t);
                onFatal.accept(t);
            });
            FileStorage storage = new FileStorage(config.dataDir(), ctx, onFatal);
            NodeClock clock = new NodeClock(ctx);
            Rng rng = new Rng(config.seed()).fork("node-" + id);
            TcpTransport transport = new TcpTransport(vertx, ctx, id, config.peers(), config.transport(), filter,
                    conditions, new Rng(config.seed()).fork("net-" + id));
            runtime = new VertxRuntime(id, clock, rng, storage, transport);
            try {
                system = Check.notNull(systemFactory.apply(runtime), "system");
            } catch (Throwable t) {
                storage.close();
                transport.close();
                started.fail(t);
                return;
            }
            transport.listen().onComplete(ar -> {
                if (ar.succeeded()) {
                    started.complete();
                } else {
                    storage.close();
                    started.fail(new IllegalStateException("node" + id + " cannot listen on "
                            + config.peers().get(id) + ": " + ar.cause().getMessage(), ar.cause()));
                }
            });
        }

        @Override
        public void stop(Promise<Void> stopped) {
            VertxRuntime rt = runtime;
            rt.nodeClock().cancelAll();
            rt.fileStorage().close();
            rt.tcpTransport().close().onComplete(ar -> stopped.complete());
        }
    }
}
