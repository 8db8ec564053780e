package io.faultline.labs.kvsrv;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Linearizability;
import io.faultline.checker.Validity;
import io.faultline.checker.model.VersionedKv;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import io.faultline.kvsrv.Err;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations the kv helpers log (Go {@code kvtest1/porcupine.go}), as a Jepsen-style history
 * for the {@link VersionedKv} model. Recorded in the order they happen (the simulator runs one
 * task at a time, so list order is real-time order). An op that never returns stays open: the
 * checker treats it as possibly applied.
 */
public final class KvHistory {
    /** Default wall-clock budget for a check: generous, since unknown counts as failure. */
    public static final double CHECK_BUDGET_S = 120;

    private final List<Op> ops = new ArrayList<>();

    public synchronized void invokeGet(long process, long nowNanos, String key) {
        add(nowNanos, OpType.INVOKE, process, "get", map("key", key));
    }

    public synchronized void completeGet(long process, long nowNanos, String key, String value, long version, Err err) {
        add(nowNanos, OpType.OK, process, "get", map("key", key, "value", value, "version", version, "err", err.name()));
    }

    public synchronized void invokePut(long process, long nowNanos, String key, String value, long version) {
        add(nowNanos, OpType.INVOKE, process, "put", map("key", key, "value", value, "version", version));
    }

    public synchronized void completePut(long process, long nowNanos, String key, Err err) {
        add(nowNanos, OpType.OK, process, "put", map("key", key, "err", err.name()));
    }

    /** The last {@code n} events, one line each, oldest first. */
    public synchronized List<String> tail(int n) {
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, ops.size() - n); i < ops.size(); i++) {
            Op op = ops.get(i);
            out.add(String.format("%.3f s  client %s %s %s %s", op.timeNs() / 1e9, op.process(),
                    op.type().name().toLowerCase(java.util.Locale.ROOT), op.f(), op.value()));
        }
        return out;
    }

    public synchronized int size() {
        return ops.size();
    }

    /** Null when linearizable; else why not (an unknown verdict is a failure too). */
    public String check(double budgetSeconds) {
        History h;
        synchronized (this) {
            h = new History(new ArrayList<>(ops));
        }
        CheckResult r = new Linearizability(new VersionedKv(), 1).check(h, Budget.ofSeconds(budgetSeconds));
        if (r.valid() == Validity.TRUE) {
            return null;
        }
        String what = r.valid() == Validity.FALSE ? "history is not linearizable"
                : "linearizability check gave no verdict within " + budgetSeconds + " s (unknown counts as failure)";
        return what + " (" + h.operations().size() + " ops): " + r.summary();
    }

    private void add(long nowNanos, OpType type, long process, String f, Map<String, Object> value) {
        ops.add(new Op(ops.size(), nowNanos, type, process, f, value, null, null, null));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
