package io.faultline.labs.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import io.faultline.core.codec.CodecException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CmdAndSnapshotTest {
    @Test
    void intsRoundTripCompactly() {
        Rng rng = new Rng(7);
        for (int i = 0; i < 10_000; i++) {
            long v = i < 100 ? i - 50 : rng.nextLong() >> rng.nextInt(64);
            byte[] c = Cmd.ofInt(v);
            assertTrue(Cmd.isInt(c));
            assertEquals(v, Cmd.asInt(c));
        }
        assertEquals(3, Cmd.ofInt(104).length, "tag + 2-byte zig-zag varint");
        assertEquals(10, Cmd.ofInt(Long.MAX_VALUE >>> 1).length, "a Go rand.Int() costs at most 10 bytes");
    }

    @Test
    void stringsAreTagPlusUtf8AndCompareByValue() {
        String s = "x".repeat(5_000);
        byte[] c = Cmd.ofString(s);
        assertEquals(5_001, c.length);
        assertFalse(Cmd.isInt(c));
        assertTrue(Arrays.equals(c, Cmd.ofString(new String(s))));
        assertFalse(Arrays.equals(Cmd.ofInt(1), Cmd.ofString("1")), "int 1 and string \"1\" differ, as in Go");
        assertEquals("xxxxxxxx...(5000 chars)", Cmd.show(c));
        assertThrows(CodecException.class, () -> Cmd.asInt(c));
    }

    @Test
    void snapshotRoundTripsIncludingEmptySlotZero() {
        ApplyLogs logs = new ApplyLogs(1);
        ServerLog log = logs.newIncarnation(0);
        for (long i = 1; i <= 19; i++) {
            assertNull(logs.recordCommand(log, i, Cmd.ofInt(i * 7)));
        }
        byte[] bytes = SnapshotCodec.encode(19, log);
        SnapshotCodec.Decoded d = SnapshotCodec.decode(bytes);
        assertEquals(19, d.lastIncludedIndex());
        assertEquals(20, d.commands().length);
        assertNull(d.commands()[0]);
        assertArrayEquals(Cmd.ofInt(133), d.commands()[19]);
    }

    @Test
    void corruptSnapshotsAreRejectedWithAnOffset() {
        ApplyLogs logs = new ApplyLogs(1);
        ServerLog log = logs.newIncarnation(0);
        logs.recordCommand(log, 1, Cmd.ofInt(5));
        byte[] bytes = SnapshotCodec.encode(1, log);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
        CodecException e = assertThrows(CodecException.class, () -> SnapshotCodec.decode(cut));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(CodecException.class, () -> SnapshotCodec.decode(longer));
        assertThrows(CodecException.class, () -> SnapshotCodec.decode(new byte[] {5, 2}));
    }
}
