package io.faultline.sim;

import io.faultline.core.runtime.Runtime;
import java.util.PriorityQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * Simulator benchmark (not a unit test; timing is never asserted). Run with:
 * {@code java -cp impl/sim/target/classes:impl/sim/target/test-classes:impl/core/target/classes io.faultline.sim.SimBench}
 *
 * <p>Each figure is reported next to a named peer measured in the same run.
 */
public final class SimBench {
    private SimBench() {}

    public static void main(String[] args) throws Exception {
        for (int round = 0; round < 3; round++) {
            System.out.println("--- round " + round + (round == 0 ? " (warm-up)" : ""));
            timers();
            handoffs();
            raftLike();
            sequentialCalls();
        }
    }

    /** Timer events per second vs a bare java.util.PriorityQueue of Runnables. */
    private static void timers() {
        final int events = 3_000_000;
        Simulation sim = new Simulation(1, SimOptions.defaults().withTimeLimitNanos(Long.MAX_VALUE / 8));
        Group<Runtime> g = sim.makeGroup(0, 5, rt -> {
            long[] left = {events / 5};
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                if (--left[0] > 0) {
                    rt.clock().setTimer(1 + rt.random().nextInt(1000), tick[0]);
                }
            };
            rt.clock().setTimer(1, tick[0]);
            return rt;
        }, rt -> { });
        g.startServers();
        long t0 = System.nanoTime();
        sim.run(() -> sim.sleepNanos(Long.MAX_VALUE / 16));
        double simRate = sim.eventCount() / ((System.nanoTime() - t0) / 1e9);

        // peer: the minimum a priority-queue scheduler does per event
        record Ev(long time, long seq, Runnable r) {}
        PriorityQueue<Ev> pq = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time)
                : Long.compare(a.seq, b.seq));
        long[] state = {0, 0, 0};
        io.faultline.core.Rng rng = new io.faultline.core.Rng(1);
        Runnable[] r = new Runnable[1];
        r[0] = () -> {
            if (++state[2] < events) {
                pq.add(new Ev(state[0] + 1 + rng.nextInt(1000), state[1]++, r[0]));
            }
        };
        for (int i = 0; i < 5; i++) {
            pq.add(new Ev(1, state[1]++, r[0]));
        }
        long t1 = System.nanoTime();
        long n = 0;
        Ev e;
        while ((e = pq.poll()) != null) {
            state[0] = e.time;
            e.r.run();
            n++;
        }
        double peerRate = n / ((System.nanoTime() - t1) / 1e9);
        System.out.printf("timer events: sim %.2f M/s, peer PriorityQueue loop %.2f M/s, ratio %.2f%n",
                simRate / 1e6, peerRate / 1e6, simRate / peerRate);
    }

    /** Task wake-ups per second vs a SynchronousQueue ping-pong between two threads. */
    private static void handoffs() throws Exception {
        final int n = 100_000;
        Simulation sim = new Simulation(2, SimOptions.defaults().withTimeLimitNanos(Long.MAX_VALUE / 8));
        long t0 = System.nanoTime();
        sim.run(() -> {
            for (int i = 0; i < n; i++) {
                sim.sleepNanos(1000);
            }
        });
        double simRate = n / ((System.nanoTime() - t0) / 1e9);

        // two tasks waking alternately: every wake-up is a real thread hand-off
        Simulation two = new Simulation(2, SimOptions.defaults().withTimeLimitNanos(Long.MAX_VALUE / 8));
        long t2 = System.nanoTime();
        two.run(() -> {
            SimTask<Void> other = two.spawn("other", () -> {
                two.sleepNanos(500);
                for (int i = 0; i < n / 2; i++) {
                    two.sleepNanos(1000);
                }
            });
            for (int i = 0; i < n / 2; i++) {
                two.sleepNanos(1000);
            }
            other.join();
        });
        double switchRate = n / ((System.nanoTime() - t2) / 1e9);

        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        Thread other = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ping.put(i);
            pong.take();
        }
        double peerRate = n / ((System.nanoTime() - t1) / 1e9);
        other.join();
        System.out.printf("task wake-ups: one task %.0f k/s, two alternating tasks %.0f k/s, "
                + "peer SynchronousQueue ping-pong %.0f k/s, ratios %.2f / %.2f%n",
                simRate / 1e3, switchRate / 1e3, peerRate / 1e3, simRate / peerRate, switchRate / peerRate);
    }

    /** labrpc TestBenchmark: 100,000 sequential calls from a task vs the same calls chained in callbacks. */
    private static void sequentialCalls() {
        final int n = 100_000;
        Simulation sim = new Simulation(4);
        sim.network().addServer("s").serve("Svc.Echo", (f, r, x) -> x.reply(r));
        End e = sim.network().makeEnd("s");
        e.enable(true);
        long t0 = System.nanoTime();
        sim.run(() -> {
            for (int i = 0; i < n; i++) {
                e.call("Svc.Echo", new byte[8]);
            }
        });
        double taskRate = n / ((System.nanoTime() - t0) / 1e9);

        Simulation peer = new Simulation(4);
        peer.network().addServer("s").serve("Svc.Echo", (f, r, x) -> x.reply(r));
        End pe = peer.network().makeEnd("s");
        pe.enable(true);
        int[] left = {n};
        java.util.function.Consumer<byte[]>[] next = new java.util.function.Consumer[1];
        next[0] = r -> {
            if (--left[0] > 0) {
                pe.call("Svc.Echo", new byte[8], 0, next[0]);
            }
        };
        long t1 = System.nanoTime();
        peer.run(() -> peer.awaitResult(done -> {
            next[0] = r -> {
                if (--left[0] > 0) {
                    pe.call("Svc.Echo", new byte[8], 0, next[0]);
                } else {
                    done.accept(Boolean.TRUE);
                }
            };
            pe.call("Svc.Echo", new byte[8], 0, next[0]);
        }));
        double cbRate = n / ((System.nanoTime() - t1) / 1e9);
        System.out.printf("sequential calls: from a task %.0f k/s, peer chained callbacks %.0f k/s, ratio %.2f%n",
                taskRate / 1e3, cbRate / 1e3, taskRate / cbRate);
    }

    /**
     * A Raft-shaped load without Raft: 5 nodes, 10 ms ticks, a leader sending AppendEntries-sized
     * heartbeats to 4 peers every 100 ms with an append+sync per reply, one poller task every 20 ms,
     * 120 virtual seconds.
     */
    private static void raftLike() {
        Simulation sim = new Simulation(3);
        sim.network().setLongDelays(true);
        Group<Runtime> g = sim.makeGroup(0, 5, rt -> {
            rt.transport().serve("Raft.AppendEntries", (from, req, resp) -> {
                rt.storage().append("log", req);
                rt.storage().sync(() -> resp.reply(new byte[8]));
            });
            long[] ticks = {0};
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                ticks[0]++;
                if (rt.nodeId() == 0 && ticks[0] % 10 == 0) {
                    for (int p = 1; p < 5; p++) {
                        rt.transport().call(p, "Raft.AppendEntries", new byte[40], 1_000_000_000L, r -> { });
                    }
                }
                rt.clock().setTimer(10_000_000L, tick[0]);
            };
            rt.clock().setTimer(10_000_000L, tick[0]);
            return rt;
        }, rt -> { });
        g.startServers();
        long t0 = System.nanoTime();
        sim.run(() -> {
            while (sim.nowNanos() < 119_000_000_000L) {
                sim.sleepMillis(20);
                g.isConnected(0);
            }
        });
        double wallMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("raft-shaped 5 nodes x 120 virtual s: %.0f ms wall, %d events, %d RPCs (%.0fx faster than real time)%n",
                wallMs, sim.eventCount(), sim.network().rpcTotal(), 119_000 / wallMs);
    }
}
