package io.faultline.labs.kvsrv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.kvsrv.KvLimits;
import io.faultline.kvsrv.KvServer;
import io.faultline.sim.Simulation;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The memory test's measure: it sees growth a per-client table would cause (a deliberately broken
 * server that caches each client's last value fails the 200 bytes/client limit), and none for the
 * real server.
 */
class RetainedSizeTest {
    /** A server that keeps per-client state, as the memory test forbids. */
    static final class DupTableServer {
        final Map<Long, String> lastValueByClient = new HashMap<>();
    }

    @Test
    void perClientTableExceedsTheLimit() {
        DupTableServer s = new DupTableServer();
        long m0 = RetainedSize.of(s);
        for (long c = 0; c < 10_000; c++) {
            s.lastValueByClient.put(c, new String(new char[1000]).replace('\0', 'v'));
        }
        long m1 = RetainedSize.of(s);
        assertTrue(m1 - m0 > 10_000 * KvsrvTests.MEM_BYTES_PER_CLIENT_MAX, "growth " + (m1 - m0));
    }

    @Test
    void smallTableOfIdsIsStillCounted() {
        DupTableServer s = new DupTableServer();
        long m0 = RetainedSize.of(s);
        for (long c = 0; c < 1000; c++) {
            s.lastValueByClient.put(c, "x" + c);
        }
        assertTrue(RetainedSize.of(s) - m0 >= 1000 * 40, "entries are charged");
    }

    @Test
    void realServerDoesNotGrowPerRequest() {
        Simulation sim = new Simulation(1);
        KvServer[] server = new KvServer[1];
        sim.makeGroup(0, 1, rt -> server[0] = new KvServer(rt, KvLimits.defaults()), KvServer::kill).startServers();
        byte[] put0 = io.faultline.kvsrv.KvCodec.encode(new io.faultline.kvsrv.KvRequest.Put("k", "v", 0));
        server[0].handle(put0);
        long m0 = RetainedSize.of(server[0]);
        for (long i = 1; i <= 1000; i++) {
            server[0].handle(io.faultline.kvsrv.KvCodec.encode(new io.faultline.kvsrv.KvRequest.Put("k", "v" + (i % 10), i)));
        }
        long m1 = RetainedSize.of(server[0]);
        assertTrue(m1 - m0 < 100, "growth " + (m1 - m0));
    }
}
