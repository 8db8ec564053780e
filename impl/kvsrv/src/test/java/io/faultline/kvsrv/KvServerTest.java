package io.faultline.kvsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.codec.CodecException;
import io.faultline.sim.Group;
import io.faultline.sim.Simulation;
import org.junit.jupiter.api.Test;

/** Server semantics (spec §4.1), codec, refusals of oversized and malformed requests. */
class KvServerTest {
    private static KvReply call(KvServer s, KvRequest r) {
        return KvCodec.decodeReply(s.handle(KvCodec.encode(r)));
    }

    private static KvServer server(KvLimits limits) {
        Simulation sim = new Simulation(1);
        Group<KvServer> g = sim.makeGroup(0, 1, rt -> new KvServer(rt, limits), KvServer::kill);
        g.startServers();
        return g.node(0);
    }

    @Test
    void putAndGetFollowTheVersionRules() {
        KvServer s = server(KvLimits.defaults());
        assertEquals(Err.ErrNoKey, call(s, new KvRequest.Get("k")).err());
        assertEquals(Err.ErrNoKey, call(s, new KvRequest.Put("k", "a", 1)).err());
        assertEquals(Err.OK, call(s, new KvRequest.Put("k", "a", 0)).err());
        assertEquals(new KvReply(Err.OK, "a", 1, ""), call(s, new KvRequest.Get("k")));
        assertEquals(Err.ErrVersion, call(s, new KvRequest.Put("k", "b", 0)).err());
        assertEquals(Err.ErrVersion, call(s, new KvRequest.Put("k", "b", 2)).err());
        assertEquals(Err.OK, call(s, new KvRequest.Put("k", "b", 1)).err());
        assertEquals(new KvReply(Err.OK, "b", 2, ""), call(s, new KvRequest.Get("k")));
        assertEquals(1, s.keyCount());
    }

    @Test
    void oversizedRequestsAreRefusedWithAMessage() {
        KvServer s = server(new KvLimits(4, 8));
        KvReply r = call(s, new KvRequest.Put("kkkkk", "v", 0));
        assertEquals(Err.ErrTooLarge, r.err());
        assertTrue(r.detail().contains("keyBytesMax=4"), r.detail());
        r = call(s, new KvRequest.Put("k", "123456789", 0));
        assertEquals(Err.ErrTooLarge, r.err());
        assertTrue(r.detail().contains("valueBytesMax=8"), r.detail());
        assertEquals(Err.OK, call(s, new KvRequest.Put("k", "12345678", 0)).err());
        assertEquals(0, s.keyCount() - 1);
    }

    @Test
    void malformedRequestsGetAnErrorAndTheServerKeepsServing() {
        KvServer s = server(KvLimits.defaults());
        byte[][] bad = {new byte[0], {9}, {2, 5, 'a'}, {1, 1, 'k', 0}, {2, 1, 'k', 1, 'v', (byte) 0x80}};
        for (byte[] b : bad) {
            KvReply r = KvCodec.decodeReply(s.handle(b));
            assertEquals(Err.ErrBadRequest, r.err());
            assertTrue(r.detail().startsWith("malformed request"), r.detail());
        }
        assertEquals(Err.OK, call(s, new KvRequest.Put("k", "v", 0)).err());
    }

    @Test
    void codecRoundTripsAndRejectsGarbage() {
        KvRequest[] rs = {new KvRequest.Get(""), new KvRequest.Get("ключ"), new KvRequest.Put("k", "", 0),
                new KvRequest.Put("k", "x".repeat(300), Long.MAX_VALUE)};
        for (KvRequest r : rs) {
            assertEquals(r, KvCodec.decodeRequest(KvCodec.encode(r)));
        }
        KvReply reply = new KvReply(Err.ErrTooLarge, "v", 7, "why");
        assertEquals(reply, KvCodec.decodeReply(KvCodec.encode(reply)));
        assertEquals(4, KvCodec.encode(KvReply.of(Err.OK)).length);
        assertThrows(CodecException.class, () -> KvCodec.decodeReply(new byte[] {99, 0, 0, 0}));
        assertThrows(CodecException.class, () -> KvCodec.decodeRequest(new byte[] {1, 1, 'k', 'x'}));
    }

    @Test
    void storeSnapshotsKeepVersionsUnlessAskedNotTo() {
        KvStore a = new KvStore();
        a.apply(new KvRequest.Put("x", "1", 0));
        a.apply(new KvRequest.Put("x", "2", 1));
        KvStore b = new KvStore();
        b.restore(a.snapshot());
        assertEquals(new KvReply(Err.OK, "2", 2, ""), b.apply(new KvRequest.Get("x")));
        b.restore(a.encode(false));
        assertEquals(1, b.apply(new KvRequest.Get("x")).version());
        assertThrows(CodecException.class, () -> b.restore(new byte[] {5}));
    }
}
