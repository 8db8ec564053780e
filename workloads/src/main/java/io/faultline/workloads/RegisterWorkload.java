package io.faultline.workloads;

import io.faultline.checker.Checker;
import io.faultline.checker.Linearizability;
import io.faultline.checker.basic.Compose;
import io.faultline.checker.basic.Stats;
import io.faultline.checker.basic.UnhandledExceptions;
import io.faultline.checker.model.VersionedKv;
import io.faultline.core.Check;
import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A linearizable register per key on the versioned KV (Jepsen's independent keys): ops go to a
 * window of {@code keysActive} keys ({@code k0, k1, ...}); a key that has had {@code opsPerKeyMax}
 * ops is retired and the next key takes its place, so each key's history stays small enough for
 * the per-key linearizability search. Ops: {@code get {key}} and {@code put {key, value, version}}
 * (shapes in {@link KvClient}); values are unique per run. A put's version is the highest version
 * the history has shown for the key (from ok gets and ok puts), so most puts can succeed; one in
 * five uses a version one lower (an ErrVersion that must not take effect). Checked by
 * {@link Linearizability} over {@link VersionedKv} (per key), plus stats and unhandled exceptions.
 * After the heal, the final phase reads every key the run used (at most {@link #FINAL_KEYS_MAX}, the newest).
 */
public final class RegisterWorkload implements KvWorkload {
    public static final int FINAL_KEYS_MAX = 64;

    private final int keysActive;
    private final int opsPerKeyMax;
    private final double readShare;
    /** Key indexes invoked so far, for the final reads (a function of the history, filled by the generator's update). */
    private final ConcurrentSkipListSet<Integer> keysUsed = new ConcurrentSkipListSet<>();

    public RegisterWorkload(int keysActive, int opsPerKeyMax, double readShare) {
        this.keysActive = (int) Check.inRange(keysActive, 1, 1000, "keysActive");
        this.opsPerKeyMax = (int) Check.inRange(opsPerKeyMax, 1, 100_000, "opsPerKeyMax");
        Check.that(readShare >= 0 && readShare <= 1, "readShare must be in [0, 1], was %s", readShare);
        this.readShare = readShare;
    }

    /**
     * 5 active keys, 10,000 ops per key, half reads. Keys live long (20 s or more, by
     * throughput) so that a key's history spans faults and leader changes: a bug that shows only
     * on a node that restored an old snapshot and later leads (bug-snapshot-drops-versions) needs
     * keys that were already in that snapshot. The versioned model keeps even long per-key
     * histories cheap to check.
     */
    public static RegisterWorkload defaults() {
        return new RegisterWorkload(5, 10_000, 0.5);
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public Generator generator() {
        int[] keys = new int[keysActive];
        for (int i = 0; i < keysActive; i++) {
            keys[i] = i;
        }
        return new Gen(keys, new int[keysActive], keysActive, 0, Map.of());
    }

    @Override
    public Generator finalGenerator() {
        List<Object> reads = new ArrayList<>();
        List<Integer> used = new ArrayList<>(keysUsed);
        for (int i = Math.max(0, used.size() - FINAL_KEYS_MAX); i < used.size(); i++) {
            reads.add(Map.of("key", key(used.get(i))));
        }
        return new FinalReads("get", reads);
    }

    @Override
    public Checker checker() {
        return new Compose("register", List.of(new Linearizability(new VersionedKv()), new Stats(), new UnhandledExceptions()));
    }

    static String key(int index) {
        return "k" + index;
    }

    /** The generator's state: the active key window, ops per active key, versions seen per key, a value counter. */
    private final class Gen extends ClientOps {
        private final int[] keys;
        private final int[] opsOnKey;
        private final int nextKey;
        private final long nextValue;
        private final Map<String, Long> versions;

        Gen(int[] keys, int[] opsOnKey, int nextKey, long nextValue, Map<String, Long> versions) {
            this.keys = keys;
            this.opsOnKey = opsOnKey;
            this.nextKey = nextKey;
            this.nextValue = nextValue;
            this.versions = versions;
        }

        @Override
        Next next(Context ctx) {
            int slot = ctx.rng().nextInt(keys.length);
            String key = key(keys[slot]);
            int[] k2 = keys.clone();
            int[] o2 = opsOnKey.clone();
            int next2 = nextKey;
            Map<String, Long> v2 = versions;
            if (++o2[slot] >= opsPerKeyMax) { // retire the key: its history is complete
                v2 = new TreeMap<>(versions);
                v2.remove(key);
                k2[slot] = next2++;
                o2[slot] = 0;
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("key", key);
            if (ctx.rng().chance(readShare)) {
                return new Next("get", value, new Gen(k2, o2, next2, nextValue, v2));
            }
            long known = versions.getOrDefault(key, 0L);
            long version = known > 0 && ctx.rng().chance(0.2) ? known - 1 : known;
            value.put("value", Long.toString(nextValue));
            value.put("version", version);
            return new Next("put", value, new Gen(k2, o2, next2, nextValue + 1, v2));
        }

        @Override
        ClientOps observe(Op event) {
            Object key = field(event.value(), "key");
            if (!(key instanceof String)) {
                return this;
            }
            if (event.type() == OpType.INVOKE) {
                keysUsed.add(Integer.parseInt(((String) key).substring(1)));
                return this;
            }
            Object ver = field(event.value(), "version");
            if (event.type() != OpType.OK || !(ver instanceof Number)) {
                return this;
            }
            long seen = ((Number) ver).longValue() + ("put".equals(event.f()) ? 1 : 0);
            if (seen <= versions.getOrDefault(key, 0L) || !isActive((String) key)) {
                return this;
            }
            Map<String, Long> v2 = new TreeMap<>(versions);
            v2.put((String) key, seen);
            return new Gen(keys, opsOnKey, nextKey, nextValue, v2);
        }

        private boolean isActive(String key) {
            for (int k : keys) {
                if (key(k).equals(key)) {
                    return true;
                }
            }
            return false;
        }
    }
}
