package io.faultline.backend.sim;

import io.faultline.core.Rng;
import io.faultline.faults.Grudge;
import io.faultline.harness.KvClerks;
import io.faultline.harness.interp.Env;
import io.faultline.harness.interp.Mailbox;
import io.faultline.histories.JsonLinesWriter;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately small test runner over the SPI (a stand-in for the harness interpreter): client
 * workers doing random versioned gets and puts on a few keys through the backend's clerks, and a
 * nemesis worker that isolates the current leader from the other nodes and heals, in turn. Ops are
 * recorded Jepsen-style (invoke before, completion after; a timeout is {@code info} and the thread
 * continues as a new process). Workers are spawned and joined only through the {@link Env}.
 */
final class MiniRun {
    final List<Op> ops = new ArrayList<>();
    long traceHash;
    private final SimBackend backend;
    private final int clients;
    private final long durationNanos;
    private final long opTimeoutMs;
    private final int keys;
    private final long seed;

    MiniRun(SimBackend backend, int clients, long durationMs, long opTimeoutMs, int keys) {
        this.backend = backend;
        this.clients = clients;
        this.durationNanos = durationMs * 1_000_000L;
        this.opTimeoutMs = opTimeoutMs;
        this.keys = keys;
        this.seed = backend.options().seed();
    }

    MiniRun run(boolean isolateLeaders) throws Exception {
        backend.run(env -> {
            backend.startNodes();
            Mailbox<String> done = env.mailbox();
            for (int t = 0; t < clients; t++) {
                int thread = t;
                env.spawn("client-" + t, () -> {
                    client(env, thread);
                    done.put("client-" + thread);
                });
            }
            int workers = clients;
            if (isolateLeaders) {
                workers++;
                env.spawn("nemesis", () -> {
                    nemesis(env);
                    done.put("nemesis");
                });
            }
            for (int k = 0; k < workers; k++) {
                if (done.poll(durationNanos * 10) == null) {
                    throw new AssertionError("a worker did not finish");
                }
            }
        });
        return this;
    }

    private void record(Env env, OpType type, Object process, String f, Object value) {
        ops.add(new Op(ops.size(), env.nowNanos(), type, process, f, value, null, null, null));
    }

    private void client(Env env, int thread) {
        Rng rng = new Rng(seed).fork("client-" + thread);
        List<String> nodes = backend.faults().nodes();
        long process = thread;
        KvClerk clerk = open(thread, nodes.get(thread % nodes.size()));
        Map<String, Long> versions = new TreeMap<>();
        long writes = 0;
        while (env.nowNanos() < durationNanos) {
            String key = "k" + rng.nextInt(keys);
            boolean get = rng.nextBoolean();
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("key", key);
            if (!get) {
                in.put("value", thread + "-" + (++writes));
                in.put("version", versions.getOrDefault(key, 0L));
            }
            record(env, OpType.INVOKE, process, get ? "get" : "put", in);
            try {
                Map<String, Object> out = new LinkedHashMap<>(in);
                if (get) {
                    KvClerk.GetResult r = clerk.get(key);
                    out.put("value", r.value() == null ? "" : r.value());
                    out.put("version", r.version());
                    out.put("err", r.err().name());
                    versions.put(key, r.version());
                } else {
                    Err err = clerk.put(key, (String) in.get("value"), (Long) in.get("version"));
                    out.put("err", err.name());
                    if (err == Err.OK) {
                        versions.put(key, (Long) in.get("version") + 1);
                    }
                }
                record(env, OpType.OK, process, get ? "get" : "put", out);
            } catch (KvClerks.OpTimeoutException e) {
                record(env, OpType.INFO, process, get ? "get" : "put", in);
                process += clients;
                clerk = open(thread, nodes.get(thread % nodes.size()));
            }
            try {
                env.sleepNanos(rng.between(1, 20) * 1_000_000L);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private KvClerk open(int thread, String node) {
        try {
            return backend.clerks().open(thread, node, opTimeoutMs);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void nemesis(Env env) {
        SimFaultBackend faults = backend.faults();
        try {
            env.sleepNanos(1_000_000_000L);
            while (env.nowNanos() < durationNanos - 1_000_000_000L) {
                String leader = faults.leader();
                if (leader != null) {
                    record(env, OpType.INVOKE, "nemesis", "start-partition", leader);
                    faults.partition(isolate(leader, faults.nodes()));
                    record(env, OpType.INFO, "nemesis", "start-partition", leader);
                    env.sleepNanos(3_000_000_000L);
                    record(env, OpType.INVOKE, "nemesis", "stop-partition", null);
                    faults.partition(Grudge.none());
                    record(env, OpType.INFO, "nemesis", "stop-partition", null);
                }
                env.sleepNanos(1_000_000_000L);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Grudge isolate(String node, List<String> nodes) {
        Map<String, Set<String>> g = new TreeMap<>();
        Set<String> others = new TreeSet<>(nodes);
        others.remove(node);
        g.put(node, others);
        for (String o : others) {
            g.put(o, Set.of(node));
        }
        return new Grudge(g);
    }

    /** The history as JSON Lines, one op per line. */
    String jsonLines() throws IOException {
        StringWriter sw = new StringWriter();
        JsonLinesWriter w = new JsonLinesWriter(sw);
        for (Op op : ops) {
            w.write(op);
        }
        w.flush();
        return sw.toString();
    }

    long count(OpType type) {
        return ops.stream().filter(o -> o.type() == type && o.isClient()).count();
    }
}
