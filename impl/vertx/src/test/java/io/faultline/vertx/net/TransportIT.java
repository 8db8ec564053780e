package io.faultline.vertx.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.codec.Records;
import io.faultline.vertx.NodeConfig;
import io.faultline.vertx.Ports;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.VertxNode;
import io.faultline.vertx.VertxRuntime;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The TCP transport between real nodes on loopback: calls, addresses, bad frames, filter, reconnect. */
@Tag("it")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportIT {
    private static final long SECOND = 1_000_000_000L;
    @TempDir
    Path dir;
    Vertx vertx;
    List<Endpoint> peers;
    final List<VertxNode<List<String>>> nodes = new ArrayList<>();

    /** The "system" of each test node: an echo service that records the caller's remote address. */
    static List<String> echo(VertxRuntime rt) {
        List<String> seen = new CopyOnWriteArrayList<>();
        rt.transport().serve("echo", (from, req, responder) -> {
            seen.add(from + "");
            byte[] out = (rt.nodeId() + ":" + from + ":" + new String(req, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            responder.reply(out);
        });
        rt.transport().serve("silent", (from, req, responder) -> {});
        return seen;
    }

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        peers = Ports.endpoints(3);
        for (int i = 0; i < 3; i++) {
            nodes.add(start(i));
        }
    }

    VertxNode<List<String>> start(int i) {
        NodeConfig cfg = new NodeConfig(i, peers, dir.resolve("n" + i), 1, TransportConfig.defaults());
        return VertxNode.start(vertx, cfg, TransportIT::echo, t -> {}).toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void tearDown() {
        for (VertxNode<List<String>> n : nodes) {
            n.stop(s -> {}).join();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    String call(int from, int to, String service, String body, long timeoutNanos) {
        VertxNode<List<String>> n = nodes.get(from);
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        n.context().runOnContext(v -> n.runtime().transport().call(to, service,
                body.getBytes(StandardCharsets.UTF_8), timeoutNanos, f::complete));
        byte[] r = f.join();
        return r == null ? null : new String(r, StandardCharsets.UTF_8);
    }

    @Test
    void callsCarryTheCallersIdAndGetTheirReply() {
        assertEquals("1:0:hello", call(0, 1, "echo", "hello", 10 * SECOND));
        assertEquals("0:2:x", call(2, 0, "echo", "x", 10 * SECOND));
        assertEquals("2:2:self", call(2, 2, "echo", "self", 10 * SECOND));
    }

    @Test
    void replyCallbackRunsOnTheNodeContext() {
        VertxNode<List<String>> n = nodes.get(0);
        CompletableFuture<Boolean> onCtx = new CompletableFuture<>();
        n.context().runOnContext(v -> n.runtime().transport().call(1, "echo", new byte[0], 10 * SECOND,
                r -> onCtx.complete(io.vertx.core.Vertx.currentContext() == n.context() && r != null)));
        assertTrue(onCtx.join());
    }

    @Test
    void outgoingConnectionsComeFromTheNodesOwnAddress() throws Exception {
        // a plain server on node 1's address records where the connection comes from
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 5, InetAddress.getByName("127.0.0.42"))) {
            Endpoint probe = new Endpoint("127.0.0.42", ss.getLocalPort());
            List<Endpoint> ps = List.of(peers.get(0), probe);
            NodeConfig cfg = new NodeConfig(0, ps, dir.resolve("probe"), 1, TransportConfig.defaults());
            Vertx v2 = Vertx.vertx();
            try {
                // node 0 of a second group, same address as node 0 above but a fresh port
                Endpoint self = new Endpoint("127.0.0.10", Ports.freePort("127.0.0.10"));
                cfg = new NodeConfig(0, List.of(self, probe), dir.resolve("probe"), 1, TransportConfig.defaults());
                VertxNode<List<String>> n = VertxNode.start(v2, cfg, TransportIT::echo, t -> {})
                        .toCompletionStage().toCompletableFuture().join();
                n.context().runOnContext(x -> n.runtime().transport().call(1, "echo", new byte[0], 10 * SECOND, r -> {}));
                ss.setSoTimeout(10_000);
                try (Socket s = ss.accept()) {
                    assertEquals("127.0.0.10", s.getInetAddress().getHostAddress());
                }
                n.stop(s -> {}).join();
            } finally {
                v2.close().toCompletionStage().toCompletableFuture().join();
            }
        }
    }

    @Test
    void corruptFrameClosesThatConnectionAndTheNodeKeepsServing() throws Exception {
        byte[] good = Records.encode(Frame.encodePayload(new Frame.Request(1, -1, "echo", "a".getBytes())));
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 0x55; // payload byte flipped: checksum mismatch
        Endpoint target = peers.get(1);
        try (Socket s = new Socket(InetAddress.getByName(target.host()), target.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            byte[] both = new byte[good.length + bad.length];
            System.arraycopy(good, 0, both, 0, good.length);
            System.arraycopy(bad, 0, both, good.length, bad.length);
            out.write(both); // one segment: the node parses both in one read
            out.flush();
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes(); // returns when the node closes the connection
            Records.ReadResult r = Records.read(all, 0, all.length);
            assertTrue(r instanceof Records.Ok, "the good request was answered first");
            Frame reply = Frame.decodePayload(((Records.Ok) r).payload());
            assertEquals("1:-1:a", new String(((Frame.Reply) reply).body(), StandardCharsets.UTF_8));
            assertEquals(((Records.Ok) r).nextOffset(), all.length, "nothing after the close");
        }
        assertEquals(1, nodes.get(1).onContext(() -> nodes.get(1).runtime().tcpTransport().connectionsClosedForBadFrames()).join());
        assertEquals("1:0:still", call(0, 1, "echo", "still", 10 * SECOND));
        try (RpcClient rpc = RpcClient.open()) {
            assertEquals("1:-1:ok", new String(rpc.call(target, "echo", "ok".getBytes(), Duration.ofSeconds(10))));
        }
    }

    @Test
    void truncatedFrameThenHangUpLeavesTheNodeServing() throws Exception {
        byte[] good = Records.encode(Frame.encodePayload(new Frame.Request(1, -1, "echo", new byte[100])));
        Endpoint target = peers.get(2);
        try (Socket s = new Socket(InetAddress.getByName(target.host()), target.port())) {
            s.getOutputStream().write(good, 0, good.length / 2);
            s.getOutputStream().flush();
        }
        assertEquals("2:1:after", call(1, 2, "echo", "after", 10 * SECOND));
    }

    @Test
    void unansweredCallFailsAtItsTimeout() {
        long t0 = System.nanoTime();
        assertNull(call(0, 1, "silent", "x", SECOND / 5));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 190, "failed after " + ms + " ms, before the timeout");
    }

    @Test
    void callToAStoppedNodeFailsWithoutWaitingForTheTimeout() {
        nodes.get(2).stop(s -> {}).join();
        long t0 = System.nanoTime();
        assertNull(call(0, 2, "echo", "x", 30 * SECOND));
        assertTrue(System.nanoTime() - t0 < 10 * SECOND, "a refused connection fails the call promptly");
    }

    @Test
    void filterDropsTrafficBothWaysUntilLifted() {
        nodes.get(0).filter().dropPeers(Set.of(1));
        assertNull(call(0, 1, "echo", "x", SECOND / 5), "request to a dropped peer is lost");
        assertNull(call(1, 0, "echo", "x", SECOND / 5), "request from a dropped peer is ignored");
        assertEquals("2:0:x", call(0, 2, "echo", "x", 10 * SECOND), "other peers unaffected");
        nodes.get(0).filter().dropPeers(Set.of());
        assertEquals("1:0:back", call(0, 1, "echo", "back", 10 * SECOND));
        assertEquals("0:1:back", call(1, 0, "echo", "back", 10 * SECOND));
    }

    @Test
    void callerReconnectsAfterThePeerRestarts() throws Exception {
        assertEquals("1:0:a", call(0, 1, "echo", "a", 10 * SECOND));
        nodes.get(1).stop(s -> {}).join();
        assertNull(call(0, 1, "echo", "b", SECOND));
        nodes.set(1, start(1));
        String r = null;
        long deadline = System.nanoTime() + 10 * SECOND;
        while (r == null && System.nanoTime() < deadline) {
            r = call(0, 1, "echo", "c", 5 * SECOND);
            if (r == null) {
                Thread.sleep(20);
            }
        }
        assertEquals("1:0:c", r);
    }

    @Test
    void rpcClientWorksFromPlainThreadsAndAsync() {
        try (RpcClient rpc = RpcClient.open("127.0.0.50")) {
            assertEquals("0:-1:hi", new String(rpc.call(peers.get(0), "echo", "hi".getBytes(), Duration.ofSeconds(10))));
            List<CompletableFuture<byte[]>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fs.add(rpc.callAsync(peers.get(i % 3), "echo", ("m" + i).getBytes(), Duration.ofSeconds(5)));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals((i % 3) + ":-1:m" + i, new String(fs.get(i).join()));
            }
            assertNull(rpc.call(peers.get(0), "silent", new byte[0], Duration.ofMillis(100)));
        }
    }

    @Test
    void inboundLossDropsAndInboundDelayHoldsRequestsToTheNode() {
        NetworkConditions c = nodes.get(1).conditions();
        c.setInboundLossProbability(1.0);
        assertNull(call(0, 1, "echo", "lost", SECOND / 2), "every request to node 1 is lost");
        assertEquals("2:0:ok", call(0, 2, "echo", "ok", 10 * SECOND), "node 2 is not affected");
        c.setInboundLossProbability(0);
        c.setInboundDelayMs(300);
        long t0 = System.nanoTime();
        assertEquals("1:0:late", call(0, 1, "echo", "late", 10 * SECOND));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(tookMs >= 300, "the request was held at least 300 ms, took " + tookMs);
        c.setInboundDelayMs(0);
        assertEquals("1:0:again", call(0, 1, "echo", "again", 10 * SECOND));
    }
}
