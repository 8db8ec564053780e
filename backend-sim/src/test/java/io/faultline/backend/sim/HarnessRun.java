package io.faultline.backend.sim;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.faults.FaultOp;
import io.faultline.faults.FaultsJsonl;
import io.faultline.faults.Nemesis;
import io.faultline.faults.NemesisPackage;
import io.faultline.faults.NemesisPackages;
import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Generators;
import io.faultline.harness.gen.Invocation;
import io.faultline.harness.gen.Step;
import io.faultline.harness.interp.HistoryRecorder;
import io.faultline.harness.interp.Interpreter;
import io.faultline.workloads.KvWorkload;
import java.io.StringWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole harness run on the sim backend, as the runner does it: H1's interpreter and generators,
 * H3's workload and KV client, H2's nemesis packages, all in virtual time. The nemesis schedule
 * here is a small local one (flip a package every {@code intervalMs}, packages in turn).
 */
final class HarnessRun {
    static final String HEAL = "heal-all";

    String history;
    String faults;
    long traceHash;
    long events;
    Interpreter.Result result;
    CheckResult check;
    List<String> fatalErrors;

    static HarnessRun run(SimBackendOptions options, KvWorkload workload, List<NemesisPackage> packages,
            long seconds, long intervalMs, int concurrency) throws Exception {
        HarnessRun out = new HarnessRun();
        StringWriter history = new StringWriter();
        StringWriter faults = new StringWriter();
        try (SimBackend b = new SimBackend(options);
                HistoryRecorder rec = new HistoryRecorder(history, "history", true)) {
            b.run(env -> {
                b.startNodes();
                Rng rng = new Rng(options.seed());
                FaultsJsonl log = new FaultsJsonl(faults, env::nowNanos, InstantSource.fixed(Instant.EPOCH));
                Nemesis inner = packages.isEmpty() ? null
                        : NemesisPackages.nemesis(packages, b.faults(), log, rng.fork("nemesis"), env::sleepNanos);
                Nemesis nemesis = new Healing(inner);
                long opTimeoutMs = 1_000;
                Interpreter.Options io = Interpreter.Options.defaults(concurrency).withOpTimeoutMs(opTimeoutMs * 2 + 1_000)
                        .withNemesisTimeoutMs(30_000).withStopGraceMs(2_000).withLog(line -> { });
                Interpreter interp = new Interpreter(env, workload.clients(b.clerks(), opTimeoutMs), nemesis, rec,
                        rng.fork("interpreter"), b.faults().nodes(), io);
                Generator main = packages.isEmpty()
                        ? Generators.clients(workload.generator())
                        : Generators.clients(workload.generator(), new Flipper(packages, intervalMs * 1_000_000L, 0, 0));
                Generator whole = Generators.phases(
                        Generators.timeLimit(seconds * 1_000_000_000L, main),
                        Generators.nemesis(Generators.op(HEAL, null)),
                        Generators.sleep(3_000_000_000L),
                        Generators.clients(Generators.timeLimit(5_000_000_000L, workload.finalGenerator())));
                out.result = interp.run(whole);
                log.close();
            });
            out.traceHash = b.traceHash();
            out.events = b.eventCount();
            out.fatalErrors = b.nodeFatalErrors();
            out.history = history.toString();
            out.faults = faults.toString();
            out.check = workload.checker().check(rec.history(), Budget.ofSeconds(30));
        }
        return out;
    }

    /** Flips one package at a time, in turn: starts it when idle, stops it when active. */
    private record Flipper(List<NemesisPackage> packages, long intervalNs, long nextAtNs, long flips)
            implements Generator {
        @Override
        public Step op(Context ctx) {
            if (!ctx.freeThreads().contains(Context.NEMESIS)) {
                return Step.pending(this);
            }
            int i = (int) ((flips / 2) % packages.size());
            NemesisPackage p = packages.get(i);
            FaultOp op = flips % 2 == 0 ? p.start(ctx.rng()) : p.stop();
            long at = Math.max(nextAtNs == 0 ? intervalNs : nextAtNs, ctx.nowNs());
            return Step.emit(new Invocation(at, Context.NEMESIS, op.f(), op.value()),
                    new Flipper(packages, intervalNs, at + intervalNs, flips + 1));
        }
    }

    /** The packages' nemesis plus {@code heal-all}. */
    private static final class Healing implements Nemesis {
        private final Nemesis inner;

        Healing(Nemesis inner) {
            this.inner = inner;
        }

        @Override
        public Set<String> fs() {
            Set<String> fs = new LinkedHashSet<>(inner == null ? Set.of() : inner.fs());
            fs.add(HEAL);
            return fs;
        }

        @Override
        public Object invoke(String f, Object value) throws Exception {
            if (HEAL.equals(f)) {
                healAll();
                return "healed";
            }
            Check.that(inner != null, "no nemesis for %s", f);
            return inner.invoke(f, value);
        }

        @Override
        public void healAll() throws Exception {
            if (inner != null) {
                inner.healAll();
            }
        }

        @Override
        public void close() {
            if (inner != null) {
                inner.close();
            }
        }
    }
}
