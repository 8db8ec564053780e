package io.faultline.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Validity;
import io.faultline.harness.gen.Generator;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each workload's generator, client and checker together, against an in-memory store: valid when
 * the store is correct, invalid when it carries a planted bug the workload is meant to catch.
 */
class WorkloadCheckersTest {
    static CheckResult runAndCheck(KvWorkload w, FakeClerk clerk, int ops) throws Exception {
        Driver d = new Driver(42, 4);
        KvClient client = new KvClient(clerk, w.name());
        Generator after = d.run(w.generator(), client, ops);
        assertTrue(after != null, "the main generator is unbounded");
        Generator fin = w.finalGenerator();
        assertEquals(null, d.run(fin, client, 1000), "the final generator ends");
        return w.checker().check(d.history(), Budget.ofSeconds(20));
    }

    @Test
    void registerIsValidOnACorrectStoreAndUsesManyKeysWithSuccessfulPuts() throws Exception {
        FakeClerk clerk = new FakeClerk();
        clerk.script.add(FakeClerk.Script.MAYBE_APPLIED);
        CheckResult r = runAndCheck(new RegisterWorkload(3, 50, 0.5), clerk, 600);
        assertEquals(Validity.TRUE, r.valid(), r.toString());
        assertTrue(clerk.data.size() >= 6, "keys retire and new ones come: " + clerk.data.keySet());
        assertTrue(clerk.data.values().stream().mapToLong(FakeClerk.Entry::version).max().getAsLong() >= 5,
                "puts follow the versions they saw: " + clerk.data);
    }

    @Test
    void registerCatchesStaleReads() throws Exception {
        FakeClerk clerk = new FakeClerk();
        clerk.staleReads = new TreeMap<>(); // frozen at the first put
        CheckResult r = runAndCheck(RegisterWorkload.defaults(), clerk, 200);
        assertEquals(Validity.FALSE, r.valid(), r.toString());
    }

    @Test
    void finalReadsCoverTheKeysUsed() throws Exception {
        RegisterWorkload w = new RegisterWorkload(2, 10, 0.5);
        Driver d = new Driver(7, 2);
        d.run(w.generator(), new KvClient(new FakeClerk(), "register"), 100);
        int before = d.ops.size();
        d.run(w.finalGenerator(), new KvClient(new FakeClerk(), "register"), 1000);
        long reads = d.ops.subList(before, d.ops.size()).stream().filter(o -> o.type() == OpType.INVOKE).count();
        long keys = d.ops.subList(0, before).stream().map(o -> ((java.util.Map<?, ?>) o.value()).get("key")).distinct().count();
        assertEquals(keys, reads);
        assertTrue(keys >= 10, "keys: " + keys);
    }

    @Test
    void setIsValidOnACorrectStoreAndCatchesLostAdds() throws Exception {
        assertEquals(Validity.TRUE, runAndCheck(SetWorkload.defaults(), new FakeClerk(), 300).valid());
        FakeClerk lossy = new FakeClerk();
        lossy.dropEveryThirdPut = true;
        CheckResult r = runAndCheck(SetWorkload.defaults(), lossy, 300);
        assertEquals(Validity.FALSE, r.valid(), r.toString());
    }

    @Test
    void counterIsValidOnACorrectStoreAndCatchesLostIncrements() throws Exception {
        assertEquals(Validity.TRUE, runAndCheck(CounterWorkload.defaults(), new FakeClerk(), 300).valid());
        FakeClerk lossy = new FakeClerk();
        lossy.dropEveryThirdPut = true;
        CheckResult r = runAndCheck(CounterWorkload.defaults(), lossy, 300);
        assertEquals(Validity.FALSE, r.valid(), r.toString());
    }

    @Test
    void generatorsAreAFunctionOfTheSeed() throws Exception {
        for (String name : Workloads.NAMES) {
            Driver a = new Driver(5, 3);
            Driver b = new Driver(5, 3);
            a.run(Workloads.byName(name).generator(), new KvClient(new FakeClerk(), name), 200);
            b.run(Workloads.byName(name).generator(), new KvClient(new FakeClerk(), name), 200);
            assertEquals(a.ops.stream().map(Op::toString).toList(), b.ops.stream().map(Op::toString).toList(), name);
        }
    }
}
