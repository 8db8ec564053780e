package io.faultline.harness.gen;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The mutable thread table behind a {@link Context}: client threads {@code 0..concurrency-1} and the nemesis thread,
 * which of them are busy, and the process each runs as. Owned by one driver (the interpreter's loop or
 * {@link GeneratorSim}); generators only see it through the {@link Context} interface. Client thread {@code t}
 * starts as process {@code t} and continues as {@code process + concurrency} after an {@code info}, so the thread of
 * a client process {@code p} is always {@code p mod concurrency}.
 */
public final class ThreadTable implements Context {
    private final int concurrency;
    private final Rng rng;
    private final List<Object> all;
    private final Object[] process;
    private final boolean[] busy;
    private final boolean[] everything;
    private int freeCount;
    private long nowNs;
    /** The views of {@link Generators#CLIENT_THREADS} and {@link Generators#NEMESIS_THREAD}, built once. */
    private Context clientView;
    private Context nemesisView;

    public ThreadTable(int concurrency, Rng rng) {
        Check.that(concurrency >= 1 && concurrency <= 100_000, "concurrency must be in 1..100000, was %s", concurrency);
        this.concurrency = concurrency;
        this.rng = Check.notNull(rng, "rng");
        List<Object> threads = new ArrayList<>(concurrency + 1);
        this.process = new Object[concurrency + 1];
        for (int t = 0; t < concurrency; t++) {
            threads.add(t);
            process[t] = (long) t;
        }
        threads.add(NEMESIS);
        process[concurrency] = NEMESIS;
        this.all = Collections.unmodifiableList(threads);
        this.busy = new boolean[concurrency + 1];
        this.everything = new boolean[concurrency + 1];
        java.util.Arrays.fill(everything, true);
        this.freeCount = concurrency + 1;
    }

    public int concurrency() {
        return concurrency;
    }

    /** Number of threads, clients and the nemesis. */
    public int size() {
        return concurrency + 1;
    }

    public void setNow(long nowNs) {
        this.nowNs = nowNs;
    }

    /** The slot of a thread ({@code Integer} client thread or {@link #NEMESIS}), or -1. */
    public int slotOfThread(Object thread) {
        if (NEMESIS.equals(thread)) {
            return concurrency;
        }
        if (thread instanceof Integer) {
            int t = (Integer) thread;
            return t >= 0 && t < concurrency ? t : -1;
        }
        return -1;
    }

    /** The slot whose thread currently runs as {@code process}, or -1. */
    public int slotOfProcess(Object process) {
        int s;
        if (NEMESIS.equals(process)) {
            s = concurrency;
        } else if (process instanceof Long && (Long) process >= 0) {
            s = (int) ((Long) process % concurrency);
        } else {
            return -1;
        }
        return this.process[s].equals(process) ? s : -1;
    }

    public Object threadAt(int slot) {
        return all.get(slot);
    }

    public Object processAt(int slot) {
        return process[slot];
    }

    public boolean isBusy(int slot) {
        return busy[slot];
    }

    public int freeCount() {
        return freeCount;
    }

    public void setBusy(int slot, boolean b) {
        if (busy[slot] != b) {
            busy[slot] = b;
            freeCount += b ? -1 : 1;
        }
    }

    /** After an {@code info}: a client thread continues as {@code process + concurrency}; the nemesis stays {@code nemesis}. */
    public Object nextProcess(int slot) {
        if (slot < concurrency) {
            process[slot] = (Long) process[slot] + concurrency;
        }
        return process[slot];
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
        return all;
    }

    @Override
    public List<Object> freeThreads() {
        return free(everything);
    }

    @Override
    public Object processOf(Object thread) {
        int s = slotOfThread(thread);
        Check.that(s >= 0, "unknown thread %s", thread);
        return process[s];
    }

    @Override
    public Object threadOf(Object p) {
        int s = slotOfProcess(p);
        return s < 0 ? null : all.get(s);
    }

    /** A view of the threads {@code keep} accepts; the client and nemesis views are built once and reused. */
    @Override
    public Context restrict(Predicate<Object> keep) {
        if (keep == Generators.CLIENT_THREADS) {
            if (clientView == null) {
                clientView = restrict(everything, keep);
            }
            return clientView;
        }
        if (keep == Generators.NEMESIS_THREAD) {
            if (nemesisView == null) {
                nemesisView = restrict(everything, keep);
            }
            return nemesisView;
        }
        return restrict(everything, keep);
    }

    private Context restrict(boolean[] base, Predicate<Object> keep) {
        boolean[] mask = new boolean[base.length];
        for (int s = 0; s < mask.length; s++) {
            mask[s] = base[s] && keep.test(all.get(s));
        }
        return new View(mask);
    }

    private List<Object> free(boolean[] mask) {
        List<Object> out = new ArrayList<>(Math.min(freeCount, mask.length));
        for (int s = 0; s < mask.length; s++) {
            if (mask[s] && !busy[s]) {
                out.add(all.get(s));
            }
        }
        return out;
    }

    /** A restricted view: the same table, only the threads of {@code mask}. */
    private final class View implements Context {
        private final boolean[] mask;
        private List<Object> threads;

        View(boolean[] mask) {
            this.mask = mask;
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
            if (threads == null) {
                List<Object> out = new ArrayList<>();
                for (int s = 0; s < mask.length; s++) {
                    if (mask[s]) {
                        out.add(all.get(s));
                    }
                }
                threads = Collections.unmodifiableList(out);
            }
            return threads;
        }

        @Override
        public List<Object> freeThreads() {
            return free(mask);
        }

        @Override
        public Object processOf(Object thread) {
            int s = slotOfThread(thread);
            Check.that(s >= 0 && mask[s], "thread %s is not in this context", thread);
            return process[s];
        }

        @Override
        public Object threadOf(Object p) {
            int s = slotOfProcess(p);
            return s < 0 || !mask[s] ? null : all.get(s);
        }

        @Override
        public Context restrict(Predicate<Object> keep) {
            return ThreadTable.this.restrict(mask, keep);
        }
    }
}
