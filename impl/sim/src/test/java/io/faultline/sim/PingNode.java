package io.faultline.sim;

import io.faultline.core.runtime.Runtime;
import java.util.ArrayList;
import java.util.List;

/**
 * A small node written against the Runtime SPI for simulator tests: serves "Ping.Echo", and when
 * {@code chatty}, pings a random peer every {@code periodMs} and persists a counter after each
 * reply. Records everything it sees so tests can inspect it.
 */
final class PingNode {
    final Runtime rt;
    final List<String> received = new ArrayList<>();
    long replies;
    long failures;
    boolean killed;
    private final int n;
    private final int periodMs;

    PingNode(Runtime rt, int n, boolean chatty, int periodMs) {
        this.rt = rt;
        this.n = n;
        this.periodMs = periodMs;
        rt.transport().serve("Ping.Echo", (from, req, resp) -> {
            received.add(from + ":" + Junk.str(req));
            resp.reply(req);
        });
        if (chatty) {
            tick();
        }
    }

    private void tick() {
        if (killed) {
            return;
        }
        int peer = rt.random().nextInt(n);
        String msg = "n" + rt.nodeId() + "@" + rt.clock().nowNanos();
        rt.transport().call(peer, "Ping.Echo", Junk.str(msg), 1_000_000_000L, reply -> {
            if (reply == null) {
                failures++;
                return;
            }
            replies++;
            rt.storage().append("log", Junk.str(msg));
            rt.storage().sync(() -> { });
        });
        rt.clock().setTimer((1 + rt.random().nextInt(periodMs)) * 1_000_000L, this::tick);
    }

    void kill() {
        killed = true;
    }
}
