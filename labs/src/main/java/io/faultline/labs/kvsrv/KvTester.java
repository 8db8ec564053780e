package io.faultline.labs.kvsrv;

import io.faultline.core.Rng;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import io.faultline.labs.LabEnv;
import io.faultline.labs.LabTask;
import io.faultline.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared kv test helpers of Go {@code kvtest1/kvtest.go} (spec §2): logged Get/Put,
 * PutAtLeastOnce, CheckGet, OnePut, OneClientPut, SpawnClientsAndWait, CheckPutConcurrent,
 * SpreadPuts. Only these helpers log to the {@link KvHistory}; direct clerk calls are not logged.
 */
public final class KvTester {
    /** Makes clerks for one system (all servers, or restricted to some). */
    public interface ClerkFactory {
        TestClerk make(int[] allowedOrNull);
    }

    /** A clerk with the process id its logged ops carry; {@code delete} cuts its client off. */
    public record TestClerk(long id, KvClerk ck, SimClerkTransport transport) {
        public void delete() {
            transport.client().delete();
        }
    }

    /** One client's counts (Go ClntRes). */
    public static final class ClientResult {
        public long nok;
        public long nmaybe;
    }

    /** A client body for {@link #spawnClientsAndWait}. */
    public interface ClientBody {
        ClientResult run(int cli, TestClerk ck, AtomicBoolean done);
    }

    private final Simulation sim;
    private final LabEnv env;
    private final KvHistory history = new KvHistory();
    private final ClerkFactory factory;
    private boolean randomKeys;

    public KvTester(Simulation sim, LabEnv env, ClerkFactory factory) {
        this.sim = sim;
        this.env = env;
        this.factory = factory;
    }

    public Simulation sim() {
        return sim;
    }

    public LabEnv env() {
        return env;
    }

    public KvHistory history() {
        return history;
    }

    public void setRandomKeys(boolean on) {
        randomKeys = on;
    }

    public TestClerk makeClerk() {
        return factory.make(null);
    }

    public TestClerk makeClerkTo(int... servers) {
        return factory.make(servers);
    }

    public RuntimeException fail(String message) {
        throw env.fail(message);
    }

    /** Logged Get (ts.Get). */
    public KvClerk.GetResult get(TestClerk c, String key) {
        history.invokeGet(c.id(), sim.nowNanos(), key);
        KvClerk.GetResult r = c.ck().get(key);
        history.completeGet(c.id(), sim.nowNanos(), key, r.value(), r.version(), r.err());
        return r;
    }

    /** Logged Put (ts.Put). */
    public Err put(TestClerk c, String key, String value, long version) {
        history.invokePut(c.id(), sim.nowNanos(), key, value, version);
        Err e = c.ck().put(key, value, version);
        history.completePut(c.id(), sim.nowNanos(), key, e);
        return e;
    }

    /** Go PutAtLeastOnce: returns the version after the put. */
    public long putAtLeastOnce(TestClerk c, String key, String value, long version) {
        long ver = version;
        while (true) {
            Err e = put(c, key, value, ver);
            if (e == Err.OK) {
                return ver + 1;
            }
            if (e == Err.ErrMaybe || e == Err.ErrVersion) {
                ver++;
            } else if (ver != 0) {
                throw fail("PutAtLeastOnce(" + key + ", ver " + ver + ") got " + e);
            }
        }
    }

    /** Go CheckGet: a logged Get that must return OK with exactly (value, version). */
    public void checkGet(TestClerk c, String key, String value, long version) {
        KvClerk.GetResult r = get(c, key);
        if (r.err() != Err.OK || !r.value().equals(value) || r.version() != version) {
            throw fail("CheckGet(" + key + "): got (" + r.value() + ", " + r.version() + ", " + r.err()
                    + ") want (" + value + ", " + version + ", OK)");
        }
    }

    /** The value OnePut writes (Go's JSON {Id, V}). */
    public static String entry(int me, long ver) {
        return "{\"Id\":" + me + ",\"V\":" + ver + "}";
    }

    /** Go OnePut: returns {version read, 1 if the put returned OK else 0 (ErrMaybe)}. */
    public long[] onePut(int me, TestClerk c, String key, long version) {
        long ver = version;
        while (true) {
            Err e = put(c, key, entry(me, ver), ver);
            if (e != Err.OK && e != Err.ErrVersion && e != Err.ErrMaybe) {
                throw fail("OnePut(" + key + "): Put returned " + e);
            }
            KvClerk.GetResult g = get(c, key);
            if (g.err() != Err.OK) {
                throw fail("OnePut(" + key + "): Get returned " + g.err());
            }
            ver = g.version();
            if (e == Err.OK || e == Err.ErrMaybe) {
                return new long[] {ver, e == Err.OK ? 1 : 0};
            }
        }
    }

    /** Go OneClientPut: OnePut on keys[0] (or a random key with randomkeys) until done. */
    public ClientResult oneClientPut(int cli, TestClerk c, List<String> keys, AtomicBoolean done) {
        ClientResult res = new ClientResult();
        long[] vers = new long[keys.size()];
        Rng rnd = sim.random();
        while (!done.get()) {
            int k = randomKeys ? rnd.nextInt(keys.size()) : 0;
            long[] r = onePut(cli, c, keys.get(k), vers[k]);
            vers[k] = r[0];
            if (r[1] == 1) {
                res.nok++;
            } else {
                res.nmaybe++;
            }
        }
        return res;
    }

    /** Go SpawnClientsAndWait: n clerks run {@code body} for {@code durMs}, then finish their op. */
    public List<ClientResult> spawnClientsAndWait(int n, long durMs, ClientBody body) {
        List<TestClerk> clerks = new ArrayList<>();
        List<AtomicBoolean> dones = new ArrayList<>();
        List<ClientResult> results = new ArrayList<>();
        List<LabTask> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestClerk c = makeClerk();
            AtomicBoolean done = new AtomicBoolean();
            clerks.add(c);
            dones.add(done);
            results.add(null);
            int cli = i;
            tasks.add(env.spawn("client-" + i, () -> results.set(cli, body.run(cli, c, done))));
        }
        env.sleepMs(durMs);
        for (int i = 0; i < n; i++) {
            dones.get(i).set(true);
            tasks.get(i).join();
            clerks.get(i).delete();
        }
        return results;
    }

    /**
     * Go CheckPutConcurrent: adds the clients' OK/ErrMaybe counts into {@code acc} (cumulative over
     * iterations), then a logged Get of key must show version == OK count (reliable) or ≤ OK + ErrMaybe.
     */
    public void checkPutConcurrent(TestClerk c, String key, List<ClientResult> results, ClientResult acc,
            boolean reliable) {
        KvClerk.GetResult g = get(c, key);
        for (ClientResult r : results) {
            acc.nok += r.nok;
            acc.nmaybe += r.nmaybe;
        }
        if (reliable && g.version() != acc.nok) {
            throw fail("wrong number of puts: version " + g.version() + " but " + acc.nok + " puts returned OK");
        }
        if (!reliable && g.version() > acc.nok + acc.nmaybe) {
            throw fail("wrong number of puts: version " + g.version() + " > " + acc.nok + " OK + " + acc.nmaybe
                    + " ErrMaybe");
        }
    }

    /** Go MakeKeys. */
    public static List<String> makeKeys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("k" + i);
        }
        return keys;
    }

    /** Go RandValue / Randstring: {@code n} random letters from the task's stream. */
    public String randValue(int n) {
        StringBuilder sb = new StringBuilder(n);
        Rng r = sim.random();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }
}
