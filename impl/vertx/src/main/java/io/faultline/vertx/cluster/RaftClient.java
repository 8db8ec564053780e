package io.faultline.vertx.cluster;

import io.faultline.core.Check;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.node.ProposeProtocol;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Proposes commands to a Raft group of node processes through {@link ProposeProtocol}, following
 * leader hints. A proposal answered {@code NOT_LEADER} or {@code BUSY} was never appended, so it is
 * retried (up to {@code attemptsMax} times, pausing when no leader is known); any other answer ends
 * it. Thread-safe.
 */
public final class RaftClient {
    /** What became of one proposal. */
    public enum Kind {
        /** Committed at {@code index} in {@code term}: an acknowledgement. */
        COMMITTED,
        /** Definitely not committed (lost its index, or no leader accepted it within the attempts). */
        NOT_COMMITTED,
        /** No answer: it may or may not commit. */
        UNKNOWN
    }

    public record Outcome(Kind kind, long index, long term, int node) {}

    private final RpcClient rpc;
    private final List<Endpoint> peers;
    private final int attemptsMax;
    private volatile int leaderGuess;

    public RaftClient(RpcClient rpc, List<Endpoint> peers, int attemptsMax) {
        Check.that(!peers.isEmpty(), "no peers");
        Check.inRange(attemptsMax, 1, 10_000, "attemptsMax");
        this.rpc = rpc;
        this.peers = List.copyOf(peers);
        this.attemptsMax = attemptsMax;
    }

    /** Proposes {@code command}; {@code timeout} bounds each attempt's call. Never completes exceptionally. */
    public CompletableFuture<Outcome> propose(byte[] command, Duration timeout) {
        CompletableFuture<Outcome> out = new CompletableFuture<>();
        attempt(command, timeout, 1, out);
        return out;
    }

    /** The node this client currently sends to. */
    public int leaderGuess() {
        return leaderGuess;
    }

    private void attempt(byte[] command, Duration timeout, int attempt, CompletableFuture<Outcome> out) {
        int node = leaderGuess;
        rpc.callAsync(peers.get(node), ProposeProtocol.SERVICE, command, timeout).thenAccept(bytes -> {
            if (bytes == null) {
                rotate(node);
                out.complete(new Outcome(Kind.UNKNOWN, -1, -1, node));
                return;
            }
            ProposeProtocol.Reply r;
            try {
                r = ProposeProtocol.Reply.decode(bytes);
            } catch (RuntimeException e) {
                out.complete(new Outcome(Kind.UNKNOWN, -1, -1, node));
                return;
            }
            switch (r.status()) {
                case COMMITTED -> out.complete(new Outcome(Kind.COMMITTED, r.index(), r.term(), node));
                case LOST -> out.complete(new Outcome(Kind.NOT_COMMITTED, r.index(), r.term(), node));
                case NOT_LEADER, BUSY -> {
                    boolean hinted = r.status() == ProposeProtocol.Status.NOT_LEADER && r.leaderHint() >= 0
                            && r.leaderHint() < peers.size() && r.leaderHint() != node;
                    if (hinted) {
                        leaderGuess = r.leaderHint();
                    } else {
                        rotate(node);
                    }
                    if (attempt >= attemptsMax) {
                        out.complete(new Outcome(Kind.NOT_COMMITTED, -1, r.term(), node));
                    } else if (hinted) {
                        attempt(command, timeout, attempt + 1, out);
                    } else {
                        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)
                                .execute(() -> attempt(command, timeout, attempt + 1, out));
                    }
                }
                default -> throw new IllegalStateException("unknown status " + r.status());
            }
        });
    }

    private void rotate(int from) {
        if (leaderGuess == from) {
            leaderGuess = (from + 1) % peers.size();
        }
    }
}
