package io.faultline.workloads;

import io.faultline.harness.KvClerks;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory versioned KV clerk with scripted misbehaviour, for the client and checker tests. */
final class FakeClerk implements KvClerk {
    enum Script { NORMAL, TIMEOUT, MAYBE_APPLIED, MAYBE_NOT_APPLIED }

    record Entry(String value, long version) {}

    final Map<String, Entry> data = new TreeMap<>();
    final Deque<Script> script = new ArrayDeque<>();
    /** Planted bugs: every get answers this stale snapshot instead of the data, or puts report OK but do nothing. */
    Map<String, Entry> staleReads;
    boolean dropEveryThirdPut;
    int puts;

    @Override
    public GetResult get(String key) {
        if (script.peek() == Script.TIMEOUT) {
            script.poll();
            throw new KvClerks.OpTimeoutException("scripted timeout");
        }
        Entry e = (staleReads != null ? staleReads : data).get(key);
        return e == null ? new GetResult("", 0, Err.ErrNoKey) : new GetResult(e.value(), e.version(), Err.OK);
    }

    @Override
    public Err put(String key, String value, long version) {
        Script s = script.isEmpty() ? Script.NORMAL : script.poll();
        if (s == Script.TIMEOUT) {
            throw new KvClerks.OpTimeoutException("scripted timeout");
        }
        Entry e = data.get(key);
        long current = e == null ? 0 : e.version();
        if (current != version) {
            return s == Script.NORMAL ? (e == null ? Err.ErrNoKey : Err.ErrVersion) : Err.ErrMaybe;
        }
        if (s == Script.MAYBE_NOT_APPLIED) {
            return Err.ErrMaybe;
        }
        if (staleReads != null && staleReads.isEmpty()) {
            staleReads = new TreeMap<>(data);
        }
        if (!(dropEveryThirdPut && ++puts % 3 == 0)) {
            data.put(key, new Entry(value, version + 1));
        }
        return s == Script.MAYBE_APPLIED ? Err.ErrMaybe : Err.OK;
    }
}
