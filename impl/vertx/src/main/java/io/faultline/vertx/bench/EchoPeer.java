package io.faultline.vertx.bench;

import io.faultline.vertx.NodeConfig;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.VertxNode;
import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.net.TransportConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transport alone, as a peer for the Raft figures: one echo server (a Vert.x node with no disk
 * work) and the same client, {@code inFlight} calls outstanding, for a fixed time. What Raft adds
 * on top of it is consensus, fsync and the extra hops.
 */
public final class EchoPeer {
    private EchoPeer() {}

    /** Calls per second and CPU microseconds (of this whole JVM) per call. */
    public record Result(double callsPerSecond, double cpuMicrosPerCall) {}

    public static Result measure(Path dir, int inFlight, double seconds, int bodyBytes) throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        String host = "127.0.0.30";
        Endpoint at = new Endpoint(host, freePort(host));
        try (RpcClient rpc = RpcClient.open("127.0.0.9")) {
            VertxNode<String> server = VertxNode.<String>start(vertx, new NodeConfig(0, List.of(at), dir, 1, TransportConfig.defaults()),
                    rt -> {
                        rt.transport().serve("echo", (from, req, responder) -> responder.reply(req));
                        return "echo";
                    }, t -> {}).toCompletionStage().toCompletableFuture().join();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicBoolean counting = new AtomicBoolean(false);
            AtomicLong calls = new AtomicLong();
            AtomicLong outstanding = new AtomicLong(inFlight);
            CompletableFuture<Void> drained = new CompletableFuture<>();
            byte[] body = new byte[bodyBytes];
            Runnable[] loop = new Runnable[1];
            loop[0] = () -> rpc.callAsync(at, "echo", body, Duration.ofSeconds(5)).thenAccept(r -> {
                if (r != null && counting.get()) {
                    calls.incrementAndGet();
                }
                if (running.get()) {
                    loop[0].run();
                } else if (outstanding.decrementAndGet() == 0) {
                    drained.complete(null);
                }
            });
            for (int i = 0; i < inFlight; i++) {
                loop[0].run();
            }
            Thread.sleep(1000);
            long cpu0 = CpuClock.selfNanos();
            counting.set(true);
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            counting.set(false);
            long cpu1 = CpuClock.selfNanos();
            double secs = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            try {
                drained.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("echo calls did not drain: " + e);
            }
            server.stop(s -> {}).join();
            return new Result(calls.get() / secs, calls.get() == 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / calls.get());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
