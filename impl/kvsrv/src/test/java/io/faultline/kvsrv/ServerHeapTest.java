package io.faultline.kvsrv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.sim.Group;
import io.faultline.sim.Simulation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The memory test's limit measured on the real JVM heap (GC, then MemoryMXBean used heap), as a
 * cross-check of the lab's deterministic retained-size measure: 100,000 clients' Puts with
 * 1000-byte values may grow the server by at most 200 bytes per client. A deliberately broken
 * server that keeps each client's last request fails the same measure.
 */
class ServerHeapTest {
    static final long BYTES_PER_CLIENT_MAX = 200;

    private static long usedHeapAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String value(int i) {
        return (i % 10) + "v".repeat(999);
    }

    /** Heap growth per client after {@code clients} Puts (each from a different client) through {@code handle}. */
    private static double growthPerClient(int clients, Function<byte[], byte[]> handle) {
        handle.apply(KvCodec.encode(new KvRequest.Put("k", value(0), 0)));
        long m0 = usedHeapAfterGc();
        for (int i = 1; i <= clients; i++) {
            byte[] reply = handle.apply(KvCodec.encode(new KvRequest.Put("k", value(i), i)));
            assertTrue(KvCodec.decodeReply(reply).err() == Err.OK);
        }
        long m1 = usedHeapAfterGc();
        return (m1 - m0) / (double) clients;
    }

    @Test
    void serverKeepsNoPerClientState() {
        Simulation sim = new Simulation(1);
        Group<KvServer> g = sim.makeGroup(0, 1, rt -> new KvServer(rt, KvLimits.defaults()), KvServer::kill);
        g.startServers();
        KvServer s = g.node(0);
        double perClient = growthPerClient(100_000, s::handle);
        assertTrue(perClient <= BYTES_PER_CLIENT_MAX, "heap grew " + perClient + " bytes per client");
        assertTrue(s.keyCount() == 1);
    }

    @Test
    void aServerWithAPerClientTableFailsTheSameMeasure() {
        Simulation sim = new Simulation(1);
        Group<KvServer> g = sim.makeGroup(0, 1, rt -> new KvServer(rt, KvLimits.defaults()), KvServer::kill);
        g.startServers();
        KvServer s = g.node(0);
        Map<Integer, KvRequest> lastRequestByClient = new HashMap<>();
        int[] client = {0};
        double perClient = growthPerClient(20_000, req -> {
            lastRequestByClient.put(client[0]++, KvCodec.decodeRequest(req)); // the forbidden duplicate table
            return s.handle(req);
        });
        assertTrue(perClient > BYTES_PER_CLIENT_MAX, "heap grew only " + perClient + " bytes per client");
        assertTrue(lastRequestByClient.size() == 20_001);
    }
}
