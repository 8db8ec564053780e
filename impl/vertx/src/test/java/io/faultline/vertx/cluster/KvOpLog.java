package io.faultline.vertx.cluster;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Linearizability;
import io.faultline.checker.model.VersionedKv;
import io.faultline.histories.History;
import io.faultline.histories.JsonLinesWriter;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import io.faultline.kvsrv.Err;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A history of versioned-KV client operations on real processes, in the format the
 * {@link VersionedKv} model documents: each op an invoke and a completion with wall-clock
 * (monotonic) times; a Put's completion is ok with its err (ErrMaybe included: the model lets it
 * go either way); an op given up at its deadline completes as info (a Put may then have applied,
 * a Get is ignored) and its client continues as a new process.
 */
final class KvOpLog {
    private final List<Op> ops = new ArrayList<>();
    private final long t0 = System.nanoTime();
    private int ok;
    private int fail;
    private int info;

    synchronized void invokeGet(long process, String key) {
        add(OpType.INVOKE, process, "get", map("key", key));
    }

    synchronized void okGet(long process, String key, String value, long version, Err err) {
        ok++;
        add(OpType.OK, process, "get", map("key", key, "value", value, "version", version, "err", err.name()));
    }

    synchronized void invokePut(long process, String key, String value, long version) {
        add(OpType.INVOKE, process, "put", map("key", key, "value", value, "version", version));
    }

    synchronized void okPut(long process, String key, Err err) {
        ok++;
        add(OpType.OK, process, "put", map("key", key, "err", err.name()));
    }

    /** A Put certainly not applied (never used by the kvraft clerk, which only ever answers). */
    synchronized void failPut(long process, String key, Err err) {
        fail++;
        add(OpType.FAIL, process, "put", map("key", key, "err", err.name()));
    }

    /** The op was given up (deadline passed): indeterminate. */
    synchronized void info(long process, String f, String key, String why) {
        info++;
        add(OpType.INFO, process, f, map("key", key, "why", why));
    }

    synchronized int size() {
        return ops.size();
    }

    synchronized String counts() {
        return "events=" + ops.size() + " ok=" + ok + " fail=" + fail + " info=" + info;
    }

    synchronized int okCount() {
        return ok;
    }

    synchronized int infoCount() {
        return info;
    }

    /** Writes the history as JSON Lines ({@code ./faultline check FILE} reads it). */
    synchronized void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonLinesWriter out = new JsonLinesWriter(w)) {
            for (Op op : ops) {
                out.write(op);
            }
        }
    }

    /** Linearizability with the VersionedKv model. */
    CheckResult check(double budgetSeconds) {
        History h;
        synchronized (this) {
            h = new History(new ArrayList<>(ops));
        }
        return new Linearizability(new VersionedKv(), 1).check(h, Budget.ofSeconds(budgetSeconds));
    }

    private void add(OpType type, long process, String f, Map<String, Object> value) {
        ops.add(new Op(ops.size(), System.nanoTime() - t0, type, process, f, value, null, null, null));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
