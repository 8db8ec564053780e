package io.faultline.workloads;

import io.faultline.core.Rng;
import io.faultline.harness.Client;
import io.faultline.harness.Completion;
import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Step;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Runs a workload's generator sequentially against one client (a test stand-in for the interpreter). */
final class Driver implements Context {
    final List<Op> ops = new ArrayList<>();
    private final Rng rng;
    private final int threads;
    private long nowNs;
    private long process;

    Driver(long seed, int threads) {
        this.rng = new Rng(seed);
        this.threads = threads;
    }

    /** Performs up to {@code n} ops of {@code gen}; returns the generator after them. */
    Generator run(Generator gen, Client client, int n) throws Exception {
        for (int i = 0; i < n && gen != null; i++) {
            Step s = gen.op(this);
            if (s == null) {
                return null;
            }
            gen = s.next();
            if (s.isPending()) {
                throw new AssertionError("a generator with every thread free said pending");
            }
            Op inv = new Op(ops.size(), nowNs++, OpType.INVOKE, s.op().process(), s.op().f(), s.op().value(), null, null, null);
            ops.add(inv);
            gen = gen.update(this, inv);
            Completion c = client.invoke(s.op());
            Op done = new Op(ops.size(), nowNs++, c.type(), s.op().process(), s.op().f(), c.value(), null, c.error(), null);
            ops.add(done);
            gen = gen.update(this, done);
            if (c.type() == OpType.INFO) {
                process += threads; // the thread continues as a new process
            }
        }
        return gen;
    }

    History history() {
        return new History(ops);
    }

    @Override
    public long nowNs() {
        return nowNs;
    }

    @Override
    public Rng rng() {
        return rng;
    }

    @Override
    public List<Object> allThreads() {
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            all.add(i);
        }
        all.add(NEMESIS);
        return all;
    }

    @Override
    public List<Object> freeThreads() {
        return allThreads();
    }

    @Override
    public Object processOf(Object thread) {
        return thread instanceof Integer ? (Object) (process + (Integer) thread) : thread;
    }

    @Override
    public Context restrict(Predicate<Object> keep) {
        throw new UnsupportedOperationException("not needed by the workloads");
    }
}
