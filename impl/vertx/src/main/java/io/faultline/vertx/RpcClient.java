package io.faultline.vertx;

import io.faultline.core.Check;
import io.faultline.vertx.net.Caller;
import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.net.TransportConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * RPC for processes that are not group members (a clerk, a MapReduce worker, a benchmark client):
 * {@code call(address, service, request, timeout)} yields the reply bytes, or {@code null} when the
 * call failed (refused, connection lost, timed out). A failed call may or may not have run on the
 * server. Usable from plain threads (blocking {@link #call}) and asynchronously ({@link #callAsync}).
 * Servers see the request with {@code fromPeer = -1}. Thread-safe.
 *
 * <pre>{@code
 * try (RpcClient rpc = RpcClient.open()) {
 *     byte[] reply = rpc.call(Endpoint.parse("127.0.0.10:7000"), "kv.get", request, Duration.ofSeconds(1));
 *     if (reply == null) { ... retry or try another server ... }
 * }
 * }</pre>
 */
public final class RpcClient implements AutoCloseable {
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Context context;
    private final Caller caller;
    private volatile boolean closed;

    /** A client with its own small Vert.x instance (one event loop), closed with the client. */
    public static RpcClient open() {
        return open(null);
    }

    /** Like {@link #open()}, connecting from {@code localHost} (a loopback address) when not null. */
    public static RpcClient open(String localHost) {
        Vertx v = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        return new RpcClient(v, true, localHost, TransportConfig.defaults());
    }

    /** A client on an existing Vert.x instance; {@code vertx} stays open when the client closes. */
    public static RpcClient on(Vertx vertx, String localHost, TransportConfig config) {
        return new RpcClient(vertx, false, localHost, config);
    }

    private RpcClient(Vertx vertx, boolean ownsVertx, String localHost, TransportConfig config) {
        Check.that(localHost == null || Endpoint.isLoopback(localHost), "localHost %s is not loopback", localHost);
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.context = vertx.getOrCreateContext();
        this.caller = new Caller(vertx, context, config, localHost, -1, "client", peer -> false);
    }

    /**
     * Calls {@code service} at {@code to}. The future completes with the reply, or with {@code null}
     * on failure; it never completes exceptionally. Completion runs on the client's event loop: do
     * not block in a dependent stage.
     */
    public CompletableFuture<byte[]> callAsync(Endpoint to, String service, byte[] request, Duration timeout) {
        Check.notNull(to, "to");
        Check.notNull(service, "service");
        Check.notNull(request, "request");
        Check.that(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive, was %s", timeout);
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        if (closed) {
            f.complete(null);
            return f;
        }
        long nanos = timeout.toNanos();
        if (Vertx.currentContext() == context) {
            caller.call(to, -1, service, request, nanos, f::complete);
        } else {
            context.runOnContext(v -> caller.call(to, -1, service, request, nanos, f::complete));
        }
        return f;
    }

    /** Blocking call: the reply, or {@code null} on failure. Must not run on a Vert.x event loop. */
    public byte[] call(Endpoint to, String service, byte[] request, Duration timeout) {
        Check.that(!Context.isOnEventLoopThread(), "blocking RpcClient.call on an event loop thread");
        try {
            return callAsync(to, service, request, timeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("unexpected failure of an RPC future", e);
        }
    }

    /** Closes connections; pending calls complete with {@code null}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            caller.close();
            done.complete(null);
        });
        done.join();
        if (ownsVertx) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
