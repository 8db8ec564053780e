package io.faultline.mapreduce.rpc;

import io.faultline.core.Check;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.net.TcpTransport;
import io.faultline.vertx.net.TransportConfig;
import io.faultline.vertx.net.TransportFilter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The coordinator protocol on impl/vertx: the coordinator is a one-node {@link TcpTransport}
 * group (checksummed frames over loopback TCP) serving {@link Messages#GET_TASK} and
 * {@link Messages#TASK_DONE}; workers are {@link RpcClient}s (clients outside the group).
 */
public final class VertxMrTransport implements MrTransport {
    private static final long START_TIMEOUT_MS = 10_000;
    private static final int BIND_ATTEMPTS_MAX = 5;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
            .setInternalBlockingPoolSize(1));

    @Override
    public MrServer listen(String host, int port, MrServer.Handler handler) throws IOException {
        Check.notNull(handler, "handler");
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS_MAX : 1); attempt++) {
            int chosen = port == 0 ? freePort(host) : port;
            try {
                return start(host, chosen, handler);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private MrServer start(String host, int port, MrServer.Handler handler) throws IOException {
        Context ctx = vertx.getOrCreateContext();
        CompletableFuture<TcpTransport> started = new CompletableFuture<>();
        ctx.runOnContext(v -> {
            TcpTransport t = new TcpTransport(vertx, ctx, 0, List.of(new Endpoint(host, port)),
                    TransportConfig.defaults(), new TransportFilter());
            for (String service : List.of(Messages.GET_TASK, Messages.TASK_DONE)) {
                t.serve(service, (from, request, responder) -> {
                    byte[] reply = handler.handle(service, request);
                    if (reply != null) {
                        responder.reply(reply);
                    }
                });
            }
            t.listen().onComplete(ar -> {
                if (ar.succeeded()) {
                    started.complete(t);
                } else {
                    started.completeExceptionally(ar.cause());
                }
            });
        });
        TcpTransport t = await(started, "listen on " + host + ":" + port);
        return new MrServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                CompletableFuture<Void> closed = new CompletableFuture<>();
                ctx.runOnContext(v -> t.close().onComplete(ar -> closed.complete(null)));
                closed.orTimeout(START_TIMEOUT_MS, TimeUnit.MILLISECONDS).exceptionally(e -> null).join();
            }
        };
    }

    @Override
    public MrClient client(String host, int port) {
        Endpoint to = new Endpoint(host, port);
        RpcClient rpc = RpcClient.on(vertx, null, TransportConfig.defaults());
        return new MrClient() {
            @Override
            public byte[] call(String service, byte[] request, long timeoutMs) throws RpcException {
                byte[] reply = rpc.call(to, service, request, Duration.ofMillis(timeoutMs));
                if (reply == null) {
                    throw new RpcException("no reply from " + to + " to " + service
                            + " (connection refused or lost, or no answer within " + timeoutMs + " ms)");
                }
                return reply;
            }

            @Override
            public void close() {
                rpc.close();
            }
        };
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(START_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .exceptionally(e -> null).join();
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    private static <T> T await(CompletableFuture<T> f, String what) throws IOException {
        try {
            return f.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("cannot " + what + ": no answer within " + START_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while trying to " + what);
        }
    }
}
