package io.faultline.raft.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import io.faultline.core.codec.CodecException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Property: every message round-trips through the codec; malformed input fails cleanly. */
class MessageCodecTest {

    static long num(Rng r) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt(200);
            case 2 -> r.nextLong(1L << 40);
            default -> Long.MAX_VALUE - r.nextInt(3);
        };
    }

    static byte[] bytes(Rng r) {
        byte[] b = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(300)];
        r.nextBytes(b);
        return b;
    }

    static RaftMessage random(Rng r) {
        return switch (r.nextInt(6)) {
            case 0 -> new RaftMessage.RequestVote(num(r), num(r), num(r));
            case 1 -> new RaftMessage.RequestVoteReply(num(r), r.nextBoolean());
            case 2 -> {
                long prev = r.nextLong(1L << 40);
                List<Entry> es = new ArrayList<>();
                int n = r.nextInt(5);
                long term = 1 + r.nextInt(1000);
                for (int i = 0; i < n; i++) {
                    term += r.nextInt(2);
                    es.add(new Entry(prev + 1 + i, term, bytes(r)));
                }
                yield new RaftMessage.AppendEntries(num(r), prev, num(r), es, num(r));
            }
            case 3 -> new RaftMessage.AppendEntriesReply(num(r), r.nextBoolean(), num(r), num(r), num(r));
            case 4 -> new RaftMessage.InstallSnapshot(num(r), num(r), num(r), bytes(r));
            default -> new RaftMessage.InstallSnapshotReply(num(r), num(r));
        };
    }

    @Test
    void everyMessageRoundTrips() {
        Rng r = new Rng(2026);
        int[] kinds = new int[6];
        for (int i = 0; i < 20_000; i++) {
            RaftMessage m = random(r);
            byte[] enc = MessageCodec.encode(m);
            RaftMessage back = MessageCodec.decode(enc);
            assertEquals(m, back);
            assertArrayEquals(enc, MessageCodec.encode(back));
            kinds[enc[0] - 1]++;
        }
        for (int k : kinds) {
            assertTrue(k > 1000, "every kind generated");
        }
    }

    @Test
    void encodingIsCompact() {
        byte[] hb = MessageCodec.encode(new RaftMessage.AppendEntries(3, 10, 2, List.of(), 9));
        assertTrue(hb.length <= 8, "heartbeat " + hb.length + " bytes");
        byte[] one = MessageCodec.encode(new RaftMessage.AppendEntries(3, 10, 2,
                List.of(new Entry(11, 3, new byte[5000])), 9));
        assertTrue(one.length <= 5000 + 12, "5000-byte entry costs " + one.length);
    }

    @Test
    void truncatedOrGarbageInputIsACodecException() {
        Rng r = new Rng(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] enc = MessageCodec.encode(random(r));
            if (enc.length > 1) {
                byte[] cut = java.util.Arrays.copyOf(enc, r.nextInt(enc.length));
                if (cut.length > 0) {
                    assertThrows(CodecException.class, () -> MessageCodec.decode(cut));
                }
            }
            byte[] extra = java.util.Arrays.copyOf(enc, enc.length + 1);
            assertThrows(CodecException.class, () -> MessageCodec.decode(extra), "trailing byte");
        }
        assertThrows(CodecException.class, () -> MessageCodec.decode(new byte[] {99}));
    }
}
