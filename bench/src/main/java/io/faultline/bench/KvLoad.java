package io.faultline.bench;

import io.faultline.core.Check;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvCodec;
import io.faultline.kvsrv.KvReply;
import io.faultline.kvsrv.KvRequest;
import io.faultline.kvsrv.KvServer;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.net.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Keeps {@code inFlight} Puts or Gets outstanding against a kvraft group through one
 * {@link RpcClient}, pipelined: each slot owns one key and sends its next request from the previous
 * one's reply. A Put carries the slot's known version (0 for a new key, then 1, 2, ...), so a
 * correct server never answers ErrVersion unless an earlier attempt of the same Put executed; then
 * the slot sends a Get to learn the version and counts the ErrVersion. A lost call or a not-leader
 * answer moves to the next server and repeats the request. Replies run on the client's one event
 * loop; the lock is uncontended.
 */
final class KvLoad {
    /**
     * Longest one attempt may take before it counts as lost. Generous, like the jetcd client's
     * (which sets none): no faults are injected, a deposed leader answers ErrWrongLeader within
     * rsm's 20 ms leadership check, and on the shared disk one fsync now and then takes seconds;
     * a short timeout would turn such a stall into a retry of every request in flight.
     */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Pause before repeating a request that was lost or reached a non-leader. */
    static final long RETRY_PAUSE_MS = 5;

    private final RpcClient rpc;
    private final List<Endpoint> peers;
    private final boolean put;
    private final int inFlight;
    private final String[] keys;
    private final long[] versions;
    private final String value;
    private final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final boolean[] resync;
    private volatile boolean running = true;
    private int leader;
    private boolean measuring;
    private long measuredOps;
    private long errVersion;
    private long retries;
    private long errors;
    private int outstanding;
    private String failure;

    /**
     * @param versions the next Put version of each slot's key, updated in place (shared by the
     *                 settings of one cluster, so a later setting continues where one stopped)
     */
    KvLoad(RpcClient rpc, List<Endpoint> peers, int leaderGuess, boolean put, int inFlight, String[] keys, long[] versions,
           String value) {
        Check.inRange(inFlight, 1, keys.length, "inFlight");
        Check.that(versions.length == keys.length, "one version per key");
        this.rpc = rpc;
        this.peers = peers;
        this.leader = Math.max(0, leaderGuess);
        this.put = put;
        this.inFlight = inFlight;
        this.keys = keys;
        this.versions = versions;
        this.value = value;
        this.resync = new boolean[inFlight];
    }

    void start() {
        synchronized (this) {
            outstanding = inFlight;
        }
        for (int slot = 0; slot < inFlight; slot++) {
            send(slot, System.nanoTime());
        }
    }

    synchronized void measuring(boolean on) {
        measuring = on;
    }

    /** Stops sending and waits for the outstanding requests; throws if the group refused a request outright. */
    void stop() throws InterruptedException {
        running = false;
        try {
            drained.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("requests did not drain within 30 s: " + e);
        }
        synchronized (this) {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
    }

    synchronized OpResult result(int nodes, double seconds) {
        return new OpResult("faultline", nodes, put ? "put" : "get", inFlight, measuredOps, seconds, histogram.copy(),
                errVersion, retries, errors);
    }

    /** The server this load last found leading. */
    synchronized int leader() {
        return leader;
    }

    private void send(int slot, long start) {
        boolean get;
        long version;
        int to;
        synchronized (this) {
            get = !put || resync[slot];
            version = versions[slot];
            to = leader;
        }
        KvRequest req = get ? new KvRequest.Get(keys[slot]) : new KvRequest.Put(keys[slot], value, version);
        rpc.callAsync(peers.get(to), KvServer.SERVICE, KvCodec.encode(req), CALL_TIMEOUT)
                .thenAccept(reply -> done(slot, start, to, get, reply));
    }

    private void done(int slot, long start, int to, boolean get, byte[] bytes) {
        long now = System.nanoTime();
        boolean again;
        synchronized (this) {
            KvReply r = bytes == null ? null : KvCodec.decodeReply(bytes);
            Err err = r == null ? null : r.err();
            again = false;
            if (err == null || err == Err.ErrWrongLeader || err == Err.ErrNotLeader) {
                retries++;
                if (leader == to) {
                    leader = (to + 1) % peers.size();
                }
                again = running; // the same request again (its latency keeps the first send's start)
            } else if (err == Err.ErrVersion) {
                errVersion++;
                resync[slot] = true;
            } else if (err == Err.OK || (get && err == Err.ErrNoKey)) {
                if (get && resync[slot]) {
                    versions[slot] = err == Err.OK ? r.version() : 0;
                    resync[slot] = false;
                } else {
                    if (put) {
                        versions[slot]++;
                    } else if (err == Err.ErrNoKey) {
                        errors++;
                    }
                    if (measuring) {
                        histogram.recordValue(Math.min(now - start, histogram.getHighestTrackableValue()));
                        measuredOps++;
                    }
                }
            } else {
                errors++;
                if (failure == null) {
                    failure = "server refused a " + (get ? "Get" : "Put") + ": " + err + " " + r.detail();
                }
                running = false;
            }
            if (!again && !running) {
                if (--outstanding == 0) {
                    drained.complete(null);
                }
                return;
            }
        }
        if (again) { // a lost call or a not-leader answer: pause briefly so a down group does not make this spin
            CompletableFuture.delayedExecutor(RETRY_PAUSE_MS, TimeUnit.MILLISECONDS).execute(() -> send(slot, start));
        } else {
            send(slot, System.nanoTime());
        }
    }
}
