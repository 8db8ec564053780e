package io.faultline.labs.kvsrv;

import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import io.faultline.kvsrv.Lock;
import io.faultline.labs.LabEnv;
import io.faultline.labs.LabTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The 8 lab-2 tests (spec §4.2, §4.3): 4 kvsrv tests, 4 lock tests. */
public final class KvsrvTests {
    /** One test: name, part, network reliability, body. */
    public record KvsrvTest(String name, String part, boolean reliable, Consumer<KvsrvLab> body) {}

    public static final int MEM_CLIENTS = 100_000;
    public static final long MEM_BYTES_PER_CLIENT_MAX = 200;
    public static final long LOCK_NSEC_MS = 2_000;

    private KvsrvTests() {}

    public static List<KvsrvTest> all() {
        return List.of(
                new KvsrvTest("TestReliablePut", "kvsrv", true, KvsrvTests::reliablePut),
                new KvsrvTest("TestPutConcurrentReliable", "kvsrv", true, KvsrvTests::putConcurrentReliable),
                new KvsrvTest("TestMemPutManyClientsReliable", "kvsrv", true, KvsrvTests::memPutManyClients),
                new KvsrvTest("TestUnreliableNet", "kvsrv", false, KvsrvTests::unreliableNet),
                new KvsrvTest("TestOneClientReliable", "lock", true, lab -> lockTest(lab, 1)),
                new KvsrvTest("TestManyClientsReliable", "lock", true, lab -> lockTest(lab, 10)),
                new KvsrvTest("TestOneClientUnreliable", "lock", false, lab -> lockTest(lab, 1)),
                new KvsrvTest("TestManyClientsUnreliable", "lock", false, lab -> lockTest(lab, 10)));
    }

    public static KvsrvTest byName(String name) {
        for (KvsrvTest t : all()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static void expect(KvTester ts, boolean ok, String message) {
        if (!ok) {
            throw ts.fail(message);
        }
    }

    static void reliablePut(KvsrvLab lab) {
        KvTester ts = lab.tester();
        KvClerk ck = lab.makeClerk().ck();
        Err e = ck.put("k", "6.5840", 0);
        expect(ts, e == Err.OK, "Put(k, 6.5840, 0) = " + e + ", want OK");
        KvClerk.GetResult g = ck.get("k");
        expect(ts, g.err() == Err.OK && g.value().equals("6.5840") && g.version() == 1,
                "Get(k) = " + g + ", want (6.5840, 1, OK)");
        e = ck.put("k", "6.5840", 0);
        expect(ts, e == Err.ErrVersion, "second Put(k, ..., 0) = " + e + ", want ErrVersion");
        e = ck.put("y", "6.5840", 1);
        expect(ts, e == Err.ErrNoKey, "Put(y, ..., 1) = " + e + ", want ErrNoKey");
        g = ck.get("y");
        expect(ts, g.err() == Err.ErrNoKey, "Get(y) = " + g + ", want ErrNoKey");
    }

    static void putConcurrentReliable(KvsrvLab lab) {
        KvTester ts = lab.tester();
        List<String> keys = List.of("k");
        List<KvTester.ClientResult> res = ts.spawnClientsAndWait(10, 1000,
                (cli, ck, done) -> ts.oneClientPut(cli, ck, keys, done));
        ts.checkPutConcurrent(lab.makeClerk(), "k", res, new KvTester.ClientResult(), true);
    }

    static void memPutManyClients(KvsrvLab lab) {
        KvTester ts = lab.tester();
        lab.noLatency();
        KvTester.TestClerk[] clerks = new KvTester.TestClerk[MEM_CLIENTS];
        for (int i = 0; i < MEM_CLIENTS; i++) {
            clerks[i] = lab.makeClerk();
            Err e = clerks[i].ck().put("k", "", 1);
            expect(ts, e == Err.ErrNoKey, "clerk " + i + ": Put(k, \"\", 1) = " + e + ", want ErrNoKey");
        }
        ts.env().sleepMs(1000);
        long m0 = RetainedSize.of(lab.server());
        String v = ts.randValue(1000);
        for (int i = 0; i < MEM_CLIENTS; i++) {
            Err e = clerks[i].ck().put("k", v, i);
            expect(ts, e == Err.OK, "clerk " + i + ": Put(k, v, " + i + ") = " + e + ", want OK");
        }
        ts.env().sleepMs(1000);
        long m1 = RetainedSize.of(lab.server());
        long limit = m0 + MEM_CLIENTS * MEM_BYTES_PER_CLIENT_MAX;
        expect(ts, m1 <= limit, "server retains " + m1 + " bytes after " + MEM_CLIENTS + " clients, was " + m0
                + ": more than " + MEM_BYTES_PER_CLIENT_MAX + " bytes per client");
    }

    static void unreliableNet(KvsrvLab lab) {
        KvTester ts = lab.tester();
        KvTester.TestClerk ck = lab.makeClerk();
        boolean sawMaybe = false;
        for (int t = 0; t < 100; t++) {
            for (int i = 0; ; i++) {
                Err e = ts.put(ck, "k", Integer.toString(i), t);
                if (e == Err.ErrMaybe) {
                    sawMaybe = true;
                    continue;
                }
                if (i > 0) {
                    expect(ts, e == Err.ErrVersion, "try " + t + ": Put after ErrMaybe = " + e + ", want ErrVersion");
                } else {
                    expect(ts, e == Err.OK, "try " + t + ": first Put = " + e + ", want OK");
                }
                break;
            }
            KvClerk.GetResult g = ts.get(ck, "k");
            expect(ts, g.err() == Err.OK && g.version() == t + 1 && g.value().equals("0"),
                    "try " + t + ": Get(k) = " + g + ", want (0, " + (t + 1) + ", OK)");
        }
        expect(ts, sawMaybe, "Clerk.Put never returned ErrMaybe");
    }

    /**
     * The lock clients (Go {@code oneClient}). Besides the official check (l0 is "" right after
     * Acquire), a harness ledger checks mutual exclusion directly: no two clients inside at once.
     */
    static void lockTest(KvsrvLab lab, int nclients) {
        KvTester ts = lab.tester();
        LabEnv env = ts.env();
        AtomicBoolean done = new AtomicBoolean();
        int[] holder = {-1};
        List<LabTask> tasks = new ArrayList<>();
        for (int me = 0; me < nclients; me++) {
            int id = me;
            KvClerk ck = lab.makeClerk().ck();
            tasks.add(env.spawn("lock-client-" + me, () -> lockClient(ts, ck, id, done, holder)));
        }
        env.sleepMs(LOCK_NSEC_MS);
        done.set(true);
        for (LabTask t : tasks) {
            t.join();
        }
    }

    private static void lockClient(KvTester ts, KvClerk ck, int me, AtomicBoolean done, int[] holder) {
        String myId = "c" + me + "-" + ts.randValue(8);
        Lock lock = new Lock(ck, "l", myId, ms -> ts.env().sleepMs(ms));
        ck.put("l0", "", 0);
        while (!done.get()) {
            lock.acquire();
            expect(ts, holder[0] == -1, "two clients acquired lock: client " + me + " while " + holder[0] + " holds it");
            holder[0] = me;
            KvClerk.GetResult g = ck.get("l0");
            expect(ts, g.err() == Err.OK && g.value().isEmpty(), "two clients acquired lock: l0 = " + g);
            Err e = ck.put("l0", myId, g.version());
            expect(ts, e == Err.OK || e == Err.ErrMaybe, "Put(l0, me) = " + e);
            ts.env().sleepMs(10);
            e = ck.put("l0", "", g.version() + 1);
            expect(ts, e == Err.OK || e == Err.ErrMaybe, "Put(l0, \"\") = " + e);
            holder[0] = -1;
            lock.release();
        }
    }
}
