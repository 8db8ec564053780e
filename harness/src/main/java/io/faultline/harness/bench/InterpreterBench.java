package io.faultline.harness.bench;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.harness.Client;
import io.faultline.harness.ClientFactory;
import io.faultline.harness.Completion;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Generators;
import io.faultline.harness.gen.Invocation;
import io.faultline.harness.interp.Env;
import io.faultline.harness.interp.HistoryRecorder;
import io.faultline.harness.interp.Interpreter;
import io.faultline.harness.interp.LocalEnv;
import io.faultline.harness.interp.Mailbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The interpreter's throughput against a no-op client, recording every op to a real history file (one flushed JSON
 * line per op), against a named peer measured in the same run: a bare handoff loop over the same {@link LocalEnv}
 * mailboxes and the same number of worker threads, with no generator, no context and no recording. The ratio says what
 * the generator, the bookkeeping and the journal cost on top of the thread handoffs themselves.
 */
public final class InterpreterBench {
    /** Figures of one run; ops are completions. */
    public record Report(int concurrency, double seconds, long ops, double opsPerSec, long historyLines,
                         long historyBytes, long peerOps, double peerOpsPerSec) {
        public double ratio() {
            return peerOpsPerSec == 0 ? 0 : opsPerSec / peerOpsPerSec;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "interpreter");
            m.put("concurrency", concurrency);
            m.put("seconds", seconds);
            m.put("ops", ops);
            m.put("opsPerSec", Math.round(opsPerSec));
            m.put("historyLines", historyLines);
            m.put("historyBytes", historyBytes);
            m.put("peer", "bare handoff loop (same LocalEnv mailboxes and worker threads; no generator, no recording)");
            m.put("peerOps", peerOps);
            m.put("peerOpsPerSec", Math.round(peerOpsPerSec));
            m.put("ratio", Math.round(ratio() * 1000) / 1000.0);
            return m;
        }

        public String table() {
            return String.format(Locale.ROOT, "%-44s %12s %10s%n%-44s %12d %10s%n%-44s %12d %10.3f%n"
                            + "history: %d lines, %.1f MB, every line flushed; concurrency %d, %.1f s each%n",
                    "run", "ops/s", "ratio",
                    "bare handoff loop (peer)", Math.round(peerOpsPerSec), "1.000",
                    "interpreter + generator + JSON history", Math.round(opsPerSec), ratio(),
                    historyLines, historyBytes / 1e6, concurrency, seconds);
        }
    }

    private InterpreterBench() {
    }

    /** Warms both up ({@code seconds}/4 each), then measures the peer, then the interpreter, {@code seconds} each. */
    public static Report run(int concurrency, double seconds, Path dir, PrintStream progress) throws Exception {
        Check.that(concurrency >= 1 && concurrency <= 1000, "concurrency must be in 1..1000, was %s", concurrency);
        Check.that(seconds > 0 && seconds <= 3600, "seconds must be in (0, 3600], was %s", seconds);
        long ns = (long) (seconds * 1e9);
        progress.println("warming up ...");
        peer(concurrency, ns / 4);
        interpret(concurrency, ns / 4, dir.resolve("warmup-history.jsonl"));
        Files.deleteIfExists(dir.resolve("warmup-history.jsonl"));
        progress.println("peer: bare handoff loop, " + seconds + " s ...");
        long[] peer = peer(concurrency, ns);
        progress.println("interpreter, " + seconds + " s ...");
        Path file = dir.resolve("history.jsonl");
        long[] in = interpret(concurrency, ns, file);
        long bytes = Files.size(file);
        long lines = countLines(file);
        Check.that(lines == 2 * in[0], "history has %s lines for %s completed ops", lines, in[0]);
        return new Report(concurrency, seconds, in[0], in[0] * 1e9 / in[1], lines, bytes, peer[0], peer[0] * 1e9 / peer[1]);
    }

    /** Completions and elapsed ns of the interpreter over {@code ns}. */
    static long[] interpret(int concurrency, long ns, Path file) throws Exception {
        ClientFactory noop = (thread, node) -> new Client() {
            @Override
            public Completion invoke(Invocation op) {
                return Completion.ok(op.value());
            }

            @Override
            public void close() {
            }
        };
        LocalEnv env = new LocalEnv();
        Generator gen = Generators.timeLimit(ns, Generators.clients(Generators.repeat(Generators.op("write", 1L))));
        try (HistoryRecorder rec = HistoryRecorder.open(file, false)) {
            Interpreter in = new Interpreter(env, noop, null, rec, new Rng(1), List.of("n1", "n2", "n3", "n4", "n5"),
                    Interpreter.Options.defaults(concurrency));
            long t0 = env.nowNanos();
            Interpreter.Result r = in.run(gen);
            long elapsed = env.nowNanos() - t0;
            Check.that(r.ok() == r.invocations(), "no-op client: %s ok of %s", r.ok(), r.invocations());
            return new long[] {r.completions(), elapsed};
        }
    }

    /**
     * The peer: the main thread hands a token to each of {@code concurrency} workers through {@link Env#mailbox()}
     * inboxes and a shared reply mailbox, and hands it back as soon as it returns, for {@code ns}.
     */
    static long[] peer(int concurrency, long ns) throws InterruptedException {
        LocalEnv env = new LocalEnv();
        Mailbox<Integer> replies = env.mailbox();
        @SuppressWarnings("unchecked")
        Mailbox<Long>[] inbox = new Mailbox[concurrency];
        for (int i = 0; i < concurrency; i++) {
            Mailbox<Long> box = env.mailbox();
            inbox[i] = box;
            int id = i;
            env.spawn("bench-peer-" + i, () -> {
                try {
                    while (true) {
                        Long token = box.poll(1_000_000_000L);
                        if (token == null) {
                            continue;
                        }
                        if (token < 0) {
                            return;
                        }
                        replies.put(id);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        long t0 = env.nowNanos();
        long end = t0 + ns;
        for (Mailbox<Long> b : inbox) {
            b.put(1L);
        }
        long done = 0;
        int out = concurrency;
        while (out > 0) {
            Integer id = replies.poll(10_000_000L);
            if (id == null) {
                continue;
            }
            done++;
            out--;
            if (env.nowNanos() < end) {
                inbox[id].put(1L);
                out++;
            }
        }
        long elapsed = env.nowNanos() - t0;
        for (Mailbox<Long> b : inbox) {
            b.put(-1L);
        }
        return new long[] {done, elapsed};
    }

    private static long countLines(Path file) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int k;
            while ((k = in.read(buf)) > 0) {
                for (int i = 0; i < k; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
