package io.faultline.kvsrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clerk's retry and ErrMaybe rule, and the lock, against a scripted transport. */
class ClerkTest {
    /** Replies from a script: null = a lost call; "apply" runs the request on a real store. */
    static final class Scripted implements ClerkTransport {
        final KvStore store = new KvStore();
        final ArrayDeque<String> script = new ArrayDeque<>();
        int calls;

        @Override
        public byte[] call(String server, String service, byte[] request) {
            calls++;
            String step = script.isEmpty() ? "apply" : script.poll();
            KvRequest r = KvCodec.decodeRequest(request);
            switch (step) {
                case "lose-request": return null;
                case "lose-reply": store.apply(r); return null;
                default: return KvCodec.encode(store.apply(r));
            }
        }

        @Override
        public void sleepMs(long ms) {}
    }

    @Test
    void errVersionOnTheFirstAttemptIsErrVersion() {
        Scripted t = new Scripted();
        Clerk ck = new Clerk(t, "s");
        assertEquals(Err.OK, ck.put("k", "a", 0));
        assertEquals(Err.ErrVersion, ck.put("k", "b", 0));
    }

    @Test
    void errVersionAfterAResendIsErrMaybe() {
        Scripted t = new Scripted();
        Clerk ck = new Clerk(t, "s");
        t.script.add("lose-reply");
        assertEquals(Err.ErrMaybe, ck.put("k", "a", 0));
        assertEquals(2, t.calls);
        t.script.add("lose-request");
        assertEquals(Err.OK, ck.put("k", "b", 1), "a resent put that applies only once is OK");
    }

    @Test
    void plantedBugReturnsErrVersionAfterAResend() {
        Scripted t = new Scripted();
        Clerk ck = new Clerk(t, "s", Clerk.Variant.BUG_ERRVERSION_AFTER_RESEND);
        t.script.add("lose-reply");
        assertEquals(Err.ErrVersion, ck.put("k", "a", 0));
    }

    @Test
    void getRetriesUntilAnswered() {
        Scripted t = new Scripted();
        Clerk ck = new Clerk(t, "s");
        ck.put("k", "a", 0);
        t.script.add("lose-request");
        t.script.add("lose-request");
        assertEquals(new KvClerk.GetResult("a", 1, Err.OK), ck.get("k"));
    }

    @Test
    void refusalsFailLoudly() {
        ClerkTransport t = new ClerkTransport() {
            @Override
            public byte[] call(String server, String service, byte[] request) {
                return KvCodec.encode(KvReply.refused(Err.ErrTooLarge, "value too big"));
            }

            @Override
            public void sleepMs(long ms) {}
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Clerk(t, "s").put("k", "v", 0));
        assertTrue(e.getMessage().contains("value too big"));
    }

    @Test
    void lockSurvivesErrMaybeOnAcquireAndRelease() {
        Scripted t = new Scripted();
        Clerk ck = new Clerk(t, "s");
        List<Long> sleeps = new ArrayList<>();
        Lock a = new Lock(ck, "l", "A", sleeps::add);
        Lock b = new Lock(ck, "l", "B", sleeps::add);
        t.script.add("apply");      // get (no key)
        t.script.add("lose-reply"); // put applied, reply lost -> resend gets ErrVersion -> ErrMaybe
        a.acquire();
        assertEquals("A", ck.get("l").value());
        t.script.add("apply");      // get
        t.script.add("lose-reply"); // release put applied, reply lost -> ErrMaybe -> re-read
        a.release();
        assertEquals("", ck.get("l").value());
        b.acquire();
        assertEquals("B", ck.get("l").value());
        assertThrows(RuntimeException.class, a::release, "releasing a lock one does not hold");
    }
}
