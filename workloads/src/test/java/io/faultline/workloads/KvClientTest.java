package io.faultline.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faultline.harness.Completion;
import io.faultline.harness.gen.Invocation;
import io.faultline.histories.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvClientTest {
    final FakeClerk clerk = new FakeClerk();

    static Invocation put(String key, String value, long version) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", key);
        v.put("value", value);
        v.put("version", version);
        return new Invocation(0, 0L, "put", v);
    }

    static Invocation get(String key) {
        return new Invocation(0, 0L, "get", Map.of("key", key));
    }

    @Test
    void registerOpsMapToTheModelsShapes() {
        KvClient c = new KvClient(clerk, "register");
        Completion missing = c.invoke(get("k"));
        assertEquals(OpType.OK, missing.type());
        assertEquals(Map.of("key", "k", "value", "", "version", 0L, "err", "ErrNoKey"), missing.value());

        Completion ok = c.invoke(put("k", "a", 0));
        assertEquals(OpType.OK, ok.type());
        assertEquals("OK", ((Map<?, ?>) ok.value()).get("err"));
        assertEquals(Map.of("key", "k", "value", "a", "version", 1L, "err", "OK"), c.invoke(get("k")).value());

        Completion stale = c.invoke(put("k", "b", 0));
        assertEquals(OpType.FAIL, stale.type(), "ErrVersion is certain: the put did not happen");
        assertEquals("ErrVersion", ((Map<?, ?>) stale.value()).get("err"));
        assertEquals(OpType.FAIL, c.invoke(put("absent", "x", 3)).type(), "ErrNoKey is certain too");
    }

    @Test
    void errMaybeAndTimeoutsAreInfo() {
        KvClient c = new KvClient(clerk, "register");
        clerk.script.add(FakeClerk.Script.MAYBE_APPLIED);
        Completion maybe = c.invoke(put("k", "a", 0));
        assertEquals(OpType.INFO, maybe.type(), "ErrMaybe: the put may have happened");
        assertEquals("ErrMaybe", maybe.error());
        clerk.script.add(FakeClerk.Script.TIMEOUT);
        Completion t = c.invoke(put("k", "b", 1));
        assertEquals(OpType.INFO, t.type());
        assertEquals("timeout", t.error());
        clerk.script.add(FakeClerk.Script.TIMEOUT);
        assertEquals(OpType.INFO, c.invoke(get("k")).type());
    }

    @Test
    void setAddIsAReadModifyWriteAndErrMaybeIsResolvedByAReadWhenItCanBe() {
        KvClient c = new KvClient(clerk, "set");
        assertEquals(OpType.OK, c.invoke(new Invocation(0, 0L, "add", 3L)).type());
        assertEquals(OpType.OK, c.invoke(new Invocation(0, 0L, "add", 1L)).type());
        clerk.script.add(FakeClerk.Script.MAYBE_APPLIED);
        assertEquals(OpType.OK, c.invoke(new Invocation(0, 0L, "add", 7L)).type(), "ErrMaybe but the read shows it");
        clerk.script.add(FakeClerk.Script.MAYBE_NOT_APPLIED);
        Completion unsure = c.invoke(new Invocation(0, 0L, "add", 9L));
        assertEquals(OpType.INFO, unsure.type(), "ErrMaybe and not in the set (yet): unknown");
        assertEquals(List.of(1L, 3L, 7L), c.invoke(new Invocation(0, 0L, "read", null)).value());
    }

    @Test
    void counterAddsAndReads() {
        KvClient c = new KvClient(clerk, "counter");
        assertEquals(0L, c.invoke(new Invocation(0, 0L, "read", null)).value());
        c.invoke(new Invocation(0, 0L, "add", 2L));
        c.invoke(new Invocation(0, 0L, "add", 5L));
        assertEquals(7L, c.invoke(new Invocation(0, 0L, "read", null)).value());
        clerk.script.add(FakeClerk.Script.MAYBE_APPLIED);
        assertEquals(OpType.INFO, c.invoke(new Invocation(0, 0L, "add", 1L)).type());
    }

    @Test
    void unknownOpsAndWorkloadsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new KvClient(clerk, "set").invoke(get("k")));
        assertThrows(RuntimeException.class, () -> new KvClient(clerk, "queue"));
        assertThrows(IllegalArgumentException.class, () -> Workloads.byName("queue"));
    }
}
