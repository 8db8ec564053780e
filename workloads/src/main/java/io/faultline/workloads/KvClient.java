package io.faultline.workloads;

import io.faultline.core.Check;
import io.faultline.harness.Client;
import io.faultline.harness.Completion;
import io.faultline.harness.KvClerks.OpTimeoutException;
import io.faultline.harness.gen.Invocation;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The harness's client of kvsrv/kvraft: one {@link KvClerk} per interpreter thread, mapping each
 * workload op to clerk calls and the clerk's answer to a completion the workload's checker reads.
 *
 * <ul>
 *   <li>{@code register}: {@code get {key}} → ok {@code {key, value, version, err}} (a missing key
 *       reads as value "" version 0, the model's initial state); {@code put {key, value, version}}
 *       → ok {@code {key, version, err "OK"}}, fail {@code {key, version, err "ErrVersion"|"ErrNoKey"}}
 *       (certain: it did not happen), info {@code {key, version, err "ErrMaybe"}} (it may have).</li>
 *   <li>{@code set}: {@code add e} appends e to the comma-separated list under key {@code set} by a
 *       versioned read-modify-write, retried on ErrVersion up to {@link #RMW_ATTEMPTS_MAX} times
 *       (then fail: no attempt applied); after ErrMaybe it reads again: ok if e is there, else info.
 *       {@code read} → ok with the sorted elements.</li>
 *   <li>{@code counter}: {@code add n} adds n to the decimal under key {@code counter} the same way
 *       (ErrMaybe → info); {@code read} → ok with the number.</li>
 * </ul>
 *
 * A clerk call that runs out of time ({@link OpTimeoutException}) makes the op info with error
 * {@code timeout}: a read that timed out did nothing, a write may have happened.
 */
public final class KvClient implements Client {
    /** Versioned read-modify-write attempts of one set/counter add before it fails. */
    public static final int RMW_ATTEMPTS_MAX = 16;
    public static final String SET_KEY = "set";
    public static final String COUNTER_KEY = "counter";

    private final KvClerk clerk;
    private final String workload;

    public KvClient(KvClerk clerk, String workload) {
        this.clerk = Check.notNull(clerk, "clerk");
        Check.that(Workloads.NAMES.contains(workload), "unknown workload %s", workload);
        this.workload = workload;
    }

    @Override
    public Completion invoke(Invocation op) {
        try {
            switch (workload + "/" + op.f()) {
                case "register/get":
                    return get(op.value());
                case "register/put":
                    return put(op.value());
                case "set/add":
                    return setAdd(((Number) op.value()).longValue());
                case "set/read":
                    return Completion.ok(readSet(clerk.get(SET_KEY)));
                case "counter/add":
                    return counterAdd(((Number) op.value()).longValue());
                case "counter/read":
                    return Completion.ok(parseCounter(clerk.get(COUNTER_KEY)));
                default:
                    throw new IllegalArgumentException("workload " + workload + " has no op " + op.f());
            }
        } catch (OpTimeoutException e) {
            return Completion.info(op.value(), "timeout");
        }
    }

    private Completion get(Object in) {
        String key = (String) ClientOps.field(in, "key");
        KvClerk.GetResult r = clerk.get(key);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key);
        boolean missing = r.err() == Err.ErrNoKey;
        out.put("value", missing ? "" : r.value());
        out.put("version", missing ? 0L : r.version());
        out.put("err", r.err().name());
        return Completion.ok(out);
    }

    private Completion put(Object in) {
        String key = (String) ClientOps.field(in, "key");
        long version = ((Number) ClientOps.field(in, "version")).longValue();
        Err err = clerk.put(key, (String) ClientOps.field(in, "value"), version);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key);
        out.put("version", version);
        out.put("err", err.name());
        switch (err) {
            case OK:
                return Completion.ok(out);
            case ErrMaybe:
                return Completion.info(out, "ErrMaybe");
            default: // ErrVersion, ErrNoKey: the put certainly did not happen
                return Completion.fail(out, err.name());
        }
    }

    private Completion setAdd(long element) {
        for (int attempt = 0; attempt < RMW_ATTEMPTS_MAX; attempt++) {
            KvClerk.GetResult r = clerk.get(SET_KEY);
            long version = r.err() == Err.ErrNoKey ? 0 : r.version();
            String old = r.err() == Err.ErrNoKey ? "" : r.value();
            Err err = clerk.put(SET_KEY, old.isEmpty() ? Long.toString(element) : old + "," + element, version);
            if (err == Err.OK) {
                return Completion.ok(element);
            }
            if (err == Err.ErrMaybe) {
                return readSet(clerk.get(SET_KEY)).contains(element)
                        ? Completion.ok(element) : Completion.info(element, "ErrMaybe");
            }
            if (err != Err.ErrVersion) {
                return Completion.fail(element, err.name());
            }
        }
        return Completion.fail(element, "ErrVersion x" + RMW_ATTEMPTS_MAX);
    }

    private Completion counterAdd(long delta) {
        for (int attempt = 0; attempt < RMW_ATTEMPTS_MAX; attempt++) {
            KvClerk.GetResult r = clerk.get(COUNTER_KEY);
            long version = r.err() == Err.ErrNoKey ? 0 : r.version();
            Err err = clerk.put(COUNTER_KEY, Long.toString(parseCounter(r) + delta), version);
            if (err == Err.OK) {
                return Completion.ok(delta);
            }
            if (err == Err.ErrMaybe) {
                return Completion.info(delta, "ErrMaybe");
            }
            if (err != Err.ErrVersion) {
                return Completion.fail(delta, err.name());
            }
        }
        return Completion.fail(delta, "ErrVersion x" + RMW_ATTEMPTS_MAX);
    }

    /** The set's elements, sorted; a value that is not a comma-separated list of integers is an error naming it. */
    static java.util.List<Long> readSet(KvClerk.GetResult r) {
        TreeSet<Long> out = new TreeSet<>();
        if (r.err() == Err.OK && !r.value().isEmpty()) {
            for (String s : r.value().split(",", -1)) {
                try {
                    out.add(Long.parseLong(s));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("key " + SET_KEY + " holds a malformed set: '" + r.value() + "'");
                }
            }
        }
        return new java.util.ArrayList<>(out);
    }

    static long parseCounter(KvClerk.GetResult r) {
        if (r.err() != Err.OK || r.value().isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(r.value());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("key " + COUNTER_KEY + " holds a malformed counter: '" + r.value() + "'");
        }
    }

    @Override
    public void close() {
        if (clerk instanceof AutoCloseable) {
            try {
                ((AutoCloseable) clerk).close();
            } catch (Exception e) {
                // closing a clerk releases nothing we depend on
            }
        }
    }
}
