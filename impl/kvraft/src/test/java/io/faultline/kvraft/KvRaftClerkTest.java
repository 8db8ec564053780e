package io.faultline.kvraft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.kvsrv.ClerkTransport;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvCodec;
import io.faultline.kvsrv.KvReply;
import io.faultline.kvsrv.KvRequest;
import io.faultline.kvsrv.KvStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leader search and the ErrMaybe rule of the kvraft clerk (spec §6.4), against a scripted cluster. */
class KvRaftClerkTest {
    /** Scripted replies per call: "apply" (leader), "not-leader", "wrong-leader-applied", "lost". */
    static final class Scripted implements ClerkTransport {
        final KvStore store = new KvStore();
        final ArrayDeque<String> script = new ArrayDeque<>();
        final List<String> servers = new ArrayList<>();
        long sleptMs;

        @Override
        public byte[] call(String server, String service, byte[] request) {
            servers.add(server);
            KvRequest r = KvCodec.decodeRequest(request);
            String step = script.isEmpty() ? "apply" : script.poll();
            switch (step) {
                case "not-leader": return KvCodec.encode(KvReply.of(Err.ErrNotLeader));
                case "wrong-leader-applied": store.apply(r); return KvCodec.encode(KvReply.of(Err.ErrWrongLeader));
                case "lost": return null;
                default: return KvCodec.encode(store.apply(r));
            }
        }

        @Override
        public void sleepMs(long ms) {
            sleptMs += ms;
        }
    }

    @Test
    void findsTheLeaderAndRemembersIt() {
        Scripted t = new Scripted();
        KvRaftClerk ck = new KvRaftClerk(t, "s0", "s1", "s2");
        t.script.add("not-leader");
        t.script.add("lost");
        assertEquals(Err.OK, ck.put("k", "a", 0));
        assertEquals(List.of("s0", "s1", "s2"), t.servers);
        ck.get("k");
        assertEquals("s2", t.servers.get(3));
    }

    @Test
    void pausesAfterAFullRoundWithoutAnswer() {
        Scripted t = new Scripted();
        KvRaftClerk ck = new KvRaftClerk(t, "s0", "s1", "s2");
        for (int i = 0; i < 3; i++) {
            t.script.add("not-leader");
        }
        ck.get("k");
        assertEquals(KvRaftClerk.ROUND_PAUSE_MS, t.sleptMs);
    }

    @Test
    void errVersionIsErrMaybeOnlyAfterAnAttemptThatMayHaveExecuted() {
        Scripted t = new Scripted();
        KvRaftClerk ck = new KvRaftClerk(t, "s0", "s1");
        t.script.add("wrong-leader-applied");
        assertEquals(Err.ErrMaybe, ck.put("k", "a", 0));
        t.script.add("not-leader");
        assertEquals(Err.ErrVersion, ck.put("k", "b", 0), "a refusal before Start cannot have executed");
        t.script.add("lost");
        assertEquals(Err.ErrMaybe, ck.put("k", "b", 0));
        assertEquals(Err.OK, ck.put("k", "b", 1));
    }
}
