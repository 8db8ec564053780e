package io.faultline.jepsen;

import io.faultline.core.Check;
import io.faultline.faults.FaultOp;
import io.faultline.faults.NemesisPackage;
import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Invocation;
import io.faultline.harness.gen.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The nemesis's part of the run, a pure generator: one fault at a time, each lasting
 * {@code intervalNs}, with {@code intervalNs} of calm between faults (Jepsen's start/stop flip-flop
 * with a fixed interval). Packages take turns in rounds: each round is a seeded shuffle of all the
 * packages, so a run of {@code 2 × packages × interval} sees every kind of fault once (a 60 s run
 * with the default 5 s interval sees all six), in a seed-dependent order; targets and parameters
 * are drawn from the package with the context's Rng. Unbounded; the run's time limit bounds it, and
 * the heal phase ends a fault still active.
 */
final class NemesisSchedule implements Generator {
    private final List<NemesisPackage> packages;
    private final long intervalNs;
    private final long nextAtNs;
    /** The rest of the current round (package indexes); empty: shuffle a new one. */
    private final List<Integer> round;
    /** The package whose fault is active, or -1. */
    private final int active;

    NemesisSchedule(List<NemesisPackage> packages, long intervalNs) {
        this(List.copyOf(packages), intervalNs, Long.MIN_VALUE, List.of(), -1);
        Check.that(!packages.isEmpty(), "a nemesis schedule needs a package");
        Check.that(intervalNs > 0, "intervalNs must be > 0");
    }

    private NemesisSchedule(List<NemesisPackage> packages, long intervalNs, long nextAtNs, List<Integer> round, int active) {
        this.packages = packages;
        this.intervalNs = intervalNs;
        this.nextAtNs = nextAtNs;
        this.round = round;
        this.active = active;
    }

    @Override
    public Step op(Context ctx) {
        long now = ctx.nowNs();
        if (nextAtNs == Long.MIN_VALUE) { // first asked: the run starts now, the first fault one interval later
            return Step.pendingUntil(now + intervalNs, new NemesisSchedule(packages, intervalNs, now + intervalNs, round, active));
        }
        // never an op in the future: a time limit around this would end at an op scheduled past its cutoff
        if (now < nextAtNs) {
            return Step.pendingUntil(nextAtNs, this);
        }
        if (!ctx.freeThreads().contains(Context.NEMESIS)) {
            return Step.pending(this);
        }
        long at = now;
        if (active >= 0) {
            FaultOp stop = packages.get(active).stop();
            return Step.emit(new Invocation(at, Context.NEMESIS, stop.f(), stop.value()),
                    new NemesisSchedule(packages, intervalNs, at + intervalNs, round, -1));
        }
        List<Integer> r = round;
        if (r.isEmpty()) {
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < packages.size(); i++) {
                fresh.add(i);
            }
            for (int i = fresh.size() - 1; i > 0; i--) { // Fisher-Yates with the run's Rng
                int j = ctx.rng().nextInt(i + 1);
                fresh.set(i, fresh.set(j, fresh.get(i)));
            }
            r = fresh;
        }
        int p = r.get(0);
        FaultOp start = packages.get(p).start(ctx.rng());
        return Step.emit(new Invocation(at, Context.NEMESIS, start.f(), start.value()),
                new NemesisSchedule(packages, intervalNs, at + intervalNs, List.copyOf(r.subList(1, r.size())), p));
    }
}
