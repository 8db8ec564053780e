package io.faultline.checker;

import io.faultline.histories.History;
import io.faultline.histories.Keyword;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;

/**
 * Random small concurrent histories for every model: processes invoke ops, each op takes effect
 * on a true sequential state at a random moment, then completes ok/fail, or crashes (info, before
 * or after taking effect; sometimes never completing). Some histories get one result corrupted.
 */
final class RandomHistories {
    private RandomHistories() {}

    static final Keyword X = new Keyword("x");
    static final Keyword Y = new Keyword("y");
    static final Keyword READ = new Keyword("read");
    static final Keyword WRITE = new Keyword("write");
    static final Keyword TIMED_OUT = new Keyword("timed-out");

    /** The result of applying an op to the true state. */
    record Effect(Object state, OpType type, Object value) {}

    /** An invocation: f, value, key (or null). */
    record Inv(String f, Object value, Object key) {}

    /** A model's simulator. */
    interface Sim {
        String model();

        Object init();

        Inv invoke(Random r, int uniq);

        Effect apply(Random r, Object state, Inv inv);

        /** A wrong completion value for an ok op, or null when none makes sense. */
        Object corrupt(Random r, Inv inv, Object value);
    }

    private static final class Pending {
        final long process;
        final Inv inv;
        boolean applied;
        Effect effect;

        Pending(long process, Inv inv) {
            this.process = process;
            this.inv = inv;
        }
    }

    static History generate(Sim sim, Random r, int opsMax, boolean etcdTimeouts) {
        int procs = 2 + r.nextInt(3);
        int total = 2 + r.nextInt(opsMax - 1);
        List<Op> ops = new ArrayList<>();
        Map<Integer, Pending> pending = new LinkedHashMap<>();
        long[] pid = new long[procs];
        for (int i = 0; i < procs; i++) {
            pid[i] = i;
        }
        long nextPid = procs;
        Object state = sim.init();
        int issued = 0;
        int uniq = 0;
        List<Integer> okIdx = new ArrayList<>();
        List<Integer> failIdx = new ArrayList<>();
        while (issued < total || !pending.isEmpty()) {
            int action = r.nextInt(4);
            if (action == 0 && issued < total) {
                int p = r.nextInt(procs);
                if (!pending.containsKey(p)) {
                    Inv inv = sim.invoke(r, uniq++);
                    pending.put(p, new Pending(pid[p], inv));
                    ops.add(op(ops.size(), OpType.INVOKE, pid[p], inv, inv.value(), null));
                    issued++;
                }
                continue;
            }
            if (pending.isEmpty()) {
                continue;
            }
            List<Integer> ps = new ArrayList<>(pending.keySet());
            int p = ps.get(r.nextInt(ps.size()));
            Pending x = pending.get(p);
            if (action == 1 && !x.applied) {
                x.effect = sim.apply(r, state, x.inv);
                state = x.effect.state();
                x.applied = true;
            } else if (action == 2 && x.applied) {
                ops.add(op(ops.size(), x.effect.type(), x.process, x.inv, x.effect.value(), null));
                if (x.effect.type() == OpType.OK) {
                    okIdx.add(ops.size() - 1);
                } else if (x.effect.type() == OpType.FAIL) {
                    failIdx.add(ops.size() - 1);
                }
                pending.remove(p);
            } else if (action == 3 && r.nextInt(4) == 0) {
                // crash: maybe takes effect, maybe not; sometimes the completion is never written
                if (!x.applied && r.nextBoolean()) {
                    x.effect = sim.apply(r, state, x.inv);
                    state = x.effect.state();
                }
                int how = r.nextInt(5);
                if (how > 0) {
                    boolean read = "read".equals(x.inv.f());
                    if (etcdTimeouts && read && how == 1) {
                        ops.add(new Op(ops.size(), -1, OpType.FAIL, x.process, "read", null, null, TIMED_OUT, extra(x.inv)));
                    } else {
                        ops.add(new Op(ops.size(), -1, OpType.INFO, x.process, x.inv.f(), x.inv.value(), null, TIMED_OUT,
                                extra(x.inv)));
                    }
                }
                pending.remove(p);
                pid[p] = nextPid++;
                if (how == 0) {
                    // never completed: the process is gone for good; stop issuing on it
                    pid[p] = nextPid++;
                }
            }
        }
        if (!okIdx.isEmpty() && r.nextInt(3) == 0) {
            int k = okIdx.get(r.nextInt(okIdx.size()));
            Op o = ops.get(k);
            Inv inv = new Inv(o.f(), null, o.get("key"));
            for (Op q : ops) {
                if (q.type() == OpType.INVOKE && Objects.equals(q.process(), o.process()) && q.index() < o.index()) {
                    inv = new Inv(q.f(), q.value(), q.get("key"));
                }
            }
            Object bad = sim.corrupt(r, inv, o.value());
            if (bad == FLIP && !failIdx.isEmpty()) {
                // claim that a failed op succeeded
                Op f = ops.get(failIdx.get(r.nextInt(failIdx.size())));
                ops.set((int) f.index(), new Op(f.index(), -1, OpType.OK, f.process(), f.f(), f.value(), null, null, f.extra()));
            } else if (bad != null && bad != FLIP) {
                ops.set(k, o.withValue(bad));
            }
        }
        return new History(ops);
    }

    static final Object FLIP = new Object();

    private static Map<String, Object> extra(Inv inv) {
        return inv.key() == null ? null : Map.of("key", inv.key());
    }

    private static Op op(int index, OpType type, long process, Inv inv, Object value, Object error) {
        return new Op(index, -1, type, process, inv.f(), value, null, error, extra(inv));
    }

    // ---- simulators ----

    static Sim casRegister(Object init, boolean etcd) {
        return new Sim() {
            public String model() {
                return etcd ? "etcd" : (init == null ? "cas-register" : "cas-register:" + init);
            }

            public Object init() {
                return init;
            }

            public Inv invoke(Random r, int uniq) {
                switch (r.nextInt(3)) {
                    case 0: return new Inv("read", null, null);
                    case 1: return new Inv("write", (long) r.nextInt(3), null);
                    default: return new Inv("cas", List.of((long) r.nextInt(3), (long) r.nextInt(3)), null);
                }
            }

            public Effect apply(Random r, Object s, Inv inv) {
                switch (inv.f()) {
                    case "read": return new Effect(s, OpType.OK, s);
                    case "write": return new Effect(inv.value(), OpType.OK, inv.value());
                    default: {
                        List<?> p = (List<?>) inv.value();
                        return Objects.equals(s, p.get(0)) ? new Effect(p.get(1), OpType.OK, p) : new Effect(s, OpType.FAIL, p);
                    }
                }
            }

            public Object corrupt(Random r, Inv inv, Object v) {
                return "read".equals(inv.f()) ? (Object) (long) r.nextInt(3) : null;
            }
        };
    }

    static Sim mutex() {
        return new Sim() {
            public String model() {
                return "mutex";
            }

            public Object init() {
                return false;
            }

            public Inv invoke(Random r, int uniq) {
                return new Inv(r.nextBoolean() ? "acquire" : "release", null, null);
            }

            public Effect apply(Random r, Object s, Inv inv) {
                boolean held = (Boolean) s;
                if (inv.f().equals("acquire")) {
                    return held ? new Effect(s, OpType.FAIL, null) : new Effect(true, OpType.OK, null);
                }
                return held ? new Effect(false, OpType.OK, null) : new Effect(s, OpType.FAIL, null);
            }

            public Object corrupt(Random r, Inv inv, Object v) {
                return FLIP;
            }
        };
    }

    static Sim multiRegister() {
        return new Sim() {
            public String model() {
                return "multi-register:{:x 0 :y 0}";
            }

            public Object init() {
                return Map.of(X, 0L, Y, 0L);
            }

            public Inv invoke(Random r, int uniq) {
                List<Object> txn = new ArrayList<>();
                int n = 1 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    Keyword k = r.nextBoolean() ? X : Y;
                    txn.add(r.nextBoolean() ? List.of(READ, k) : List.of(WRITE, k, (long) r.nextInt(3)));
                }
                List<Object> v = new ArrayList<>();
                for (Object m : txn) {
                    List<?> l = (List<?>) m;
                    v.add(l.size() == 2 ? java.util.Arrays.asList(READ, l.get(1), null) : l);
                }
                return new Inv("txn", v, null);
            }

            public Effect apply(Random r, Object s, Inv inv) {
                Map<Object, Object> st = new LinkedHashMap<>((Map<?, ?>) s);
                List<Object> out = new ArrayList<>();
                for (Object m : (List<?>) inv.value()) {
                    List<?> l = (List<?>) m;
                    if (l.get(0).equals(READ)) {
                        out.add(List.of(READ, l.get(1), st.get(l.get(1))));
                    } else {
                        st.put(l.get(1), l.get(2));
                        out.add(l);
                    }
                }
                return new Effect(st, OpType.OK, out);
            }

            public Object corrupt(Random r, Inv inv, Object v) {
                List<Object> out = new ArrayList<>();
                for (Object m : (List<?>) v) {
                    List<?> l = (List<?>) m;
                    out.add(l.get(0).equals(READ) ? List.of(READ, l.get(1), (long) r.nextInt(3)) : l);
                }
                return out;
            }
        };
    }

    static Sim queue(boolean fifo) {
        return new Sim() {
            public String model() {
                return fifo ? "fifo-queue" : "unordered-queue";
            }

            public Object init() {
                return List.of();
            }

            public Inv invoke(Random r, int uniq) {
                return r.nextBoolean() ? new Inv("enqueue", (long) uniq, null) : new Inv("dequeue", null, null);
            }

            public Effect apply(Random r, Object s, Inv inv) {
                List<Object> q = new ArrayList<>((List<?>) s);
                if (inv.f().equals("enqueue")) {
                    q.add(inv.value());
                    return new Effect(q, OpType.OK, inv.value());
                }
                if (q.isEmpty()) {
                    return new Effect(q, OpType.OK, null);
                }
                Object v = q.remove(fifo ? 0 : r.nextInt(q.size()));
                return new Effect(q, OpType.OK, v);
            }

            public Object corrupt(Random r, Inv inv, Object v) {
                return inv.f().equals("dequeue") ? (Object) (long) r.nextInt(4) : null;
            }
        };
    }

    static Sim set() {
        return new Sim() {
            public String model() {
                return "set";
            }

            public Object init() {
                return new TreeSet<Long>();
            }

            public Inv invoke(Random r, int uniq) {
                return r.nextBoolean() ? new Inv("add", (long) uniq, null) : new Inv("read", null, null);
            }

            @SuppressWarnings("unchecked")
            public Effect apply(Random r, Object s, Inv inv) {
                TreeSet<Long> t = new TreeSet<>((TreeSet<Long>) s);
                if (inv.f().equals("add")) {
                    t.add((Long) inv.value());
                    return new Effect(t, OpType.OK, inv.value());
                }
                return new Effect(t, OpType.OK, new ArrayList<>(t));
            }

            public Object corrupt(Random r, Inv inv, Object v) {
                if (!inv.f().equals("read")) {
                    return null;
                }
                List<Object> l = new ArrayList<>((List<?>) v);
                if (!l.isEmpty() && r.nextBoolean()) {
                    l.remove(r.nextInt(l.size()));
                } else {
                    l.add((long) r.nextInt(6));
                }
                return l;
            }
        };
    }

    static Sim versionedKv() {
        return new Sim() {
            public String model() {
                return "versioned-kv";
            }

            public Object init() {
                return Map.of();
            }

            public Inv invoke(Random r, int uniq) {
                String k = r.nextBoolean() ? "a" : "b";
                if (r.nextBoolean()) {
                    return new Inv("get", Map.of(new Keyword("key"), k), k);
                }
                return new Inv("put", Map.of(new Keyword("key"), k, new Keyword("value"), "v" + uniq,
                        new Keyword("version"), (long) r.nextInt(3)), k);
            }

            public Effect apply(Random r, Object s, Inv inv) {
                Map<Object, Object> st = new LinkedHashMap<>((Map<?, ?>) s);
                Object[] cur = (Object[]) st.getOrDefault(inv.key(), new Object[] {"", 0L});
                if (inv.f().equals("get")) {
                    return new Effect(st, OpType.OK, Map.of(new Keyword("value"), cur[0], new Keyword("version"), cur[1],
                            new Keyword("err"), "OK"));
                }
                Map<?, ?> in = (Map<?, ?>) inv.value();
                boolean match = cur[1].equals(in.get(new Keyword("version")));
                boolean maybe = r.nextInt(5) == 0;
                if (match) {
                    st.put(inv.key(), new Object[] {in.get(new Keyword("value")), (Long) cur[1] + 1});
                }
                String err = maybe ? "ErrMaybe" : match ? "OK" : "ErrVersion";
                return new Effect(st, OpType.OK, Map.of(new Keyword("err"), err));
            }

            public Object corrupt(Random r, Inv inv, Object v) {
                if (inv.f().equals("get")) {
                    return Map.of(new Keyword("value"), "v" + r.nextInt(4), new Keyword("version"), 0L, new Keyword("err"), "OK");
                }
                return Map.of(new Keyword("err"), r.nextBoolean() ? "OK" : "ErrVersion");
            }
        };
    }

    static Sim appendKv() {
        return new Sim() {
            public String model() {
                return "append-kv";
            }

            public Object init() {
                return Map.of();
            }

            public Inv invoke(Random r, int uniq) {
                String k = r.nextBoolean() ? "a" : "b";
                switch (r.nextInt(3)) {
                    case 0: return new Inv("get", null, k);
                    case 1: return new Inv("put", String.valueOf((char) ('p' + r.nextInt(2))), k);
                    default: return new Inv("append", String.valueOf((char) ('x' + r.nextInt(2))), k);
                }
            }

            public Effect apply(Random r, Object s, Inv inv) {
                Map<Object, Object> st = new LinkedHashMap<>((Map<?, ?>) s);
                String cur = (String) st.getOrDefault(inv.key(), "");
                switch (inv.f()) {
                    case "get": return new Effect(st, OpType.OK, cur);
                    case "put": st.put(inv.key(), inv.value()); return new Effect(st, OpType.OK, inv.value());
                    default: st.put(inv.key(), cur + inv.value()); return new Effect(st, OpType.OK, inv.value());
                }
            }

            public Object corrupt(Random r, Inv inv, Object v) {
                return inv.f().equals("get") ? (r.nextBoolean() ? "x" : "px") : null;
            }
        };
    }
}
