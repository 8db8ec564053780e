package io.faultline.checker;

import io.faultline.histories.History;
import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Linearizability by the WGL/Lowe search, P-compositional: calls are partitioned by their
 * {@link Call#key()} and each partition is searched independently (in parallel when there are
 * several). The verdict is false if any partition is not linearizable, unknown if any partition ran
 * out of budget, else true.
 */
public final class Linearizability implements Checker {
    private final Model model;
    private final int threads;

    public Linearizability(Model model) {
        this(model, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public Linearizability(Model model, int threads) {
        this.model = model;
        this.threads = Math.max(1, threads);
    }

    @Override
    public String name() {
        return "linearizable";
    }

    public Model model() {
        return model;
    }

    /** Prepares the calls of a history for this model, grouped by partition key in first-seen order. */
    public Map<Object, List<Call>> partitions(History history) {
        Map<Object, List<Call>> parts = new LinkedHashMap<>();
        for (Operation op : history.operations()) {
            if (!op.invoke().isClient()) {
                continue;
            }
            Call c;
            try {
                c = model.prepare(op);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new IllegalArgumentException("op " + op.invokePos() + " (" + op.invoke() + "): " + e.getMessage(), e);
            }
            if (c != null) {
                parts.computeIfAbsent(c.key, k -> new ArrayList<>()).add(c);
            }
        }
        return parts;
    }

    /** Steps each partition may take in the first round; each later round allows 8 times more. */
    private static final long FIRST_ROUND_STEPS = 4096;

    /**
     * Searches all partitions in rounds of growing step bounds (each search pauses and resumes),
     * and stops at the end of the first round in which some partition is not linearizable. Rounds
     * are bounded by steps, not time, so which partitions are reported is deterministic: the
     * reported partition is the first (in key order) found not linearizable within a round's
     * bound; partitions after it are halted early, those before it finish the round.
     */
    @Override
    public CheckResult check(History history, Budget budget) {
        Map<Object, List<Call>> parts = partitions(history);
        List<Object> keys = new ArrayList<>(parts.keySet());
        WglSearch[] searches = new WglSearch[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            searches[i] = new WglSearch(model, parts.get(keys.get(i)), budget);
        }
        WglSearch.Outcome[] outcomes = new WglSearch.Outcome[keys.size()];
        ExecutorService pool = null;
        List<Thread> poolThreads = new ArrayList<>();
        try {
            long bound = FIRST_ROUND_STEPS;
            while (true) {
                List<Integer> pending = new ArrayList<>();
                for (int i = 0; i < outcomes.length; i++) {
                    if (outcomes[i] == null) {
                        pending.add(i);
                    }
                }
                if (pending.isEmpty()) {
                    break;
                }
                if (pending.size() == 1 || threads == 1) {
                    for (int i : pending) {
                        outcomes[i] = searches[i].run(bound);
                        if (outcomes[i] != null && outcomes[i].validity == Validity.FALSE) {
                            break;
                        }
                    }
                } else {
                    if (pool == null) {
                        pool = newPool(Math.max(1, Math.min(threads, keys.size()) - 1), poolThreads);
                    }
                    runRound(pool, searches, outcomes, pending, bound, budget);
                }
                boolean anyFalse = false;
                for (WglSearch.Outcome o : outcomes) {
                    anyFalse |= o != null && o.validity == Validity.FALSE;
                }
                if (anyFalse || budget.cancelled()) {
                    break;
                }
                bound = bound > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : bound * 8;
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                    // A terminated pool's threads may still be exiting; the check returns only once
                    // every worker thread it started has ended.
                    synchronized (poolThreads) {
                        for (Thread t : poolThreads) {
                            t.join(10_000);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return summarize(history, parts, keys, outcomes);
    }

    private static ExecutorService newPool(int workers, List<Thread> started) {
        return Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "faultline-checker-worker");
            t.setDaemon(true);
            synchronized (started) {
                started.add(t);
            }
            return t;
        });
    }

    private void runRound(ExecutorService pool, WglSearch[] searches, WglSearch.Outcome[] outcomes,
                          List<Integer> pending, long bound, Budget budget) {
        AtomicInteger nextIndex = new AtomicInteger();
        int workers = Math.min(threads, pending.size());
        Runnable worker = () -> {
            int k;
            while ((k = nextIndex.getAndIncrement()) < pending.size()) {
                int i = pending.get(k);
                if (searches[i].halted) {
                    continue;
                }
                WglSearch.Outcome o = searches[i].run(bound);
                outcomes[i] = o;
                if (o != null && o.validity == Validity.FALSE) {
                    // partitions after this one cannot change which partition is reported
                    for (int j = i + 1; j < searches.length; j++) {
                        searches[j].halted = true;
                    }
                }
            }
        };
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            fs.add(pool.submit(worker));
        }
        // the calling thread works too, so a round never waits for a pool thread to be scheduled
        worker.run();
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            budget.cancel();
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            budget.cancel();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static boolean anyFalse(WglSearch.Outcome[] outcomes) {
        for (WglSearch.Outcome o : outcomes) {
            if (o != null && o.validity == Validity.FALSE) {
                return true;
            }
        }
        return false;
    }

    private CheckResult summarize(History history, Map<Object, List<Call>> parts, List<Object> keys,
                                  WglSearch.Outcome[] outcomes) {
        Validity v = Validity.TRUE;
        List<String> checkedKeys = new ArrayList<>();
        List<String> invalidKeys = new ArrayList<>();
        List<String> unknownKeys = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        Counterexample cex = null;
        String reason = null;
        long nodes = 0;
        int linearizedMax = 0;
        int detTotal = 0;
        int firstFalse = Integer.MAX_VALUE;
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] != null && outcomes[i].validity == Validity.FALSE) {
                firstFalse = Math.min(firstFalse, i);
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            // after the first invalid partition, whether a search finished depends on timing:
            // report those partitions uniformly as not searched to the end
            WglSearch.Outcome o = i > firstFalse ? null : outcomes[i];
            String k = String.valueOf(keys.get(i));
            if (o == null) {
                if (v == Validity.FALSE || anyFalse(outcomes)) {
                    notChecked.add(k);
                    continue;
                }
                o = new WglSearch.Outcome();
                o.validity = Validity.UNKNOWN;
                o.reason = "cancelled";
            }
            nodes += o.nodes;
            detTotal += o.detTotal;
            linearizedMax += Math.max(0, o.bestDepth);
            v = Validity.worst(v, o.validity);
            if (o.validity == Validity.TRUE) {
                checkedKeys.add(k);
            } else if (o.validity == Validity.FALSE) {
                invalidKeys.add(k);
                if (cex == null) {
                    cex = Counterexamples.build(model, keys.get(i), parts.get(keys.get(i)), o, history);
                }
            } else {
                unknownKeys.add(k);
                if (reason == null) {
                    reason = o.reason;
                }
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model", model.name());
        d.put("partitions", keys.size());
        d.put("operations", detTotal);
        d.put("searchSteps", nodes);
        boolean partitioned = keys.size() > 1 || (keys.size() == 1 && keys.get(0) != null);
        if (partitioned) {
            d.put("keysChecked", checkedKeys);
        }
        String summary;
        if (v == Validity.TRUE) {
            summary = "linearizable (" + detTotal + " ops with known results, " + keys.size() + " partition(s))";
        } else if (v == Validity.FALSE) {
            if (partitioned) {
                d.put("keysInvalid", invalidKeys);
                d.put("keysNotSearchedToTheEnd", notChecked);
            }
            summary = "not linearizable" + (partitioned ? " (key " + invalidKeys.get(0) + ")" : "");
        } else {
            d.put("reason", reason);
            if (partitioned) {
                d.put("keysUnknown", unknownKeys);
            }
            d.put("longestLinearizablePrefixOps", linearizedMax);
            summary = "unknown: " + reason + "; established " + linearizedMax + " of " + detTotal
                    + " ops linearizable" + (partitioned ? ", " + checkedKeys.size() + " of " + keys.size() + " keys fully checked" : "");
        }
        return new CheckResult(name(), v, summary, d, cex, null);
    }
}
