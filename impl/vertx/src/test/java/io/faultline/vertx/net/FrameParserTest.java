package io.faultline.vertx.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.codec.Records;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameParserTest {
    private static byte[] wire(Frame f) {
        return Records.encode(Frame.encodePayload(f));
    }

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(wire(new Frame.Request(1, 2, "raft.append", new byte[] {1, 2, 3})));
        out.writeBytes(wire(new Frame.Reply(1, new byte[0])));
        out.writeBytes(wire(new Frame.Request(300, -1, "kv.get", new byte[1000])));
        return out.toByteArray();
    }

    @Test
    void framesSurviveEverySplitOfTheStream() {
        byte[] all = stream();
        for (int cut = 0; cut <= all.length; cut++) {
            FrameParser p = new FrameParser(1 << 20);
            List<Frame> got = new ArrayList<>();
            p.feed(Arrays.copyOfRange(all, 0, cut), got::add);
            p.feed(Arrays.copyOfRange(all, cut, all.length), got::add);
            assertEquals(3, got.size(), "cut at " + cut);
            Frame.Request r = (Frame.Request) got.get(0);
            assertEquals(2, r.fromPeer());
            assertEquals("raft.append", r.service());
            assertArrayEquals(new byte[] {1, 2, 3}, r.body());
            assertEquals(1, ((Frame.Reply) got.get(1)).requestId());
            assertEquals(-1, ((Frame.Request) got.get(2)).fromPeer());
            assertEquals(300, got.get(2).requestId());
            assertEquals(0, p.bufferedBytes());
        }
    }

    @Test
    void byteByByteFeedingYieldsTheSameFrames() {
        byte[] all = stream();
        FrameParser p = new FrameParser(1 << 20);
        List<Frame> got = new ArrayList<>();
        for (byte b : all) {
            p.feed(new byte[] {b}, got::add);
        }
        assertEquals(3, got.size());
    }

    @Test
    void badChecksumIsRejectedWithItsOffset() {
        byte[] first = wire(new Frame.Reply(7, new byte[] {9}));
        byte[] second = wire(new Frame.Reply(8, new byte[] {10, 11}));
        second[second.length - 1] ^= 1;
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        FrameParser p = new FrameParser(1 << 20);
        List<Frame> got = new ArrayList<>();
        FrameParser.FrameException e = assertThrows(FrameParser.FrameException.class, () -> p.feed(all, got::add));
        assertEquals(1, got.size(), "the good frame before the bad one is delivered");
        assertTrue(e.getMessage().contains("offset " + first.length), e.getMessage());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void oversizedLengthIsRejectedBeforeBuffering() {
        byte[] big = wire(new Frame.Request(1, 0, "s", new byte[5000]));
        FrameParser p = new FrameParser(1024);
        FrameParser.FrameException e = assertThrows(FrameParser.FrameException.class,
                () -> p.feed(Arrays.copyOf(big, 3), f -> {}));
        assertTrue(e.getMessage().contains("frameBytesMax"), e.getMessage());
    }

    @Test
    void wellFormedRecordWithUndecodablePayloadIsRejected() {
        byte[] junk = Records.encode(new byte[] {42, 1});
        FrameParser p = new FrameParser(1024);
        FrameParser.FrameException e = assertThrows(FrameParser.FrameException.class, () -> p.feed(junk, f -> {}));
        assertTrue(e.getMessage().contains("unknown frame kind 42"), e.getMessage());
    }

    @Test
    void truncatedFrameWaitsForMoreBytes() {
        byte[] w = wire(new Frame.Reply(5, new byte[100]));
        FrameParser p = new FrameParser(1024);
        List<Frame> got = new ArrayList<>();
        p.feed(Arrays.copyOf(w, w.length - 1), got::add);
        assertEquals(0, got.size());
        assertEquals(w.length - 1, p.bufferedBytes());
    }
}
