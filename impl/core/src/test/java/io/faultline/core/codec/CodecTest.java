package io.faultline.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {
    /** Property: any sequence of typed values round-trips, for thousands of random sequences. */
    @Test
    void randomSequencesRoundTrip() {
        Rng rng = new Rng(2024);
        for (int round = 0; round < 5_000; round++) {
            List<Object[]> written = new ArrayList<>();
            ByteWriter w = new ByteWriter(1);
            int n = rng.nextInt(20);
            for (int i = 0; i < n; i++) {
                int kind = rng.nextInt(6);
                switch (kind) {
                    case 0 -> {
                        long v = interestingLong(rng);
                        w.writeVarLong(v);
                        written.add(new Object[] {kind, v});
                    }
                    case 1 -> {
                        long v = interestingLong(rng);
                        w.writeSignedVarLong(v);
                        written.add(new Object[] {kind, v});
                    }
                    case 2 -> {
                        byte[] b = new byte[rng.nextInt(300)];
                        rng.nextBytes(b);
                        w.writeBytes(b);
                        written.add(new Object[] {kind, b});
                    }
                    case 3 -> {
                        byte[] b = rng.nextBoolean() ? null : new byte[rng.nextInt(5)];
                        w.writeNullableBytes(b);
                        written.add(new Object[] {kind, b});
                    }
                    case 4 -> {
                        String s = "k" + rng.nextLong() + "\u00e9\u4e2d";
                        w.writeString(s);
                        written.add(new Object[] {kind, s});
                    }
                    default -> {
                        int v = (int) rng.nextLong();
                        w.writeFixedInt(v);
                        written.add(new Object[] {kind, v});
                    }
                }
            }
            ByteReader r = new ByteReader(w.toByteArray());
            for (Object[] e : written) {
                switch ((int) e[0]) {
                    case 0 -> assertEquals((long) e[1], r.readVarLong());
                    case 1 -> assertEquals((long) e[1], r.readSignedVarLong());
                    case 2 -> assertArrayEquals((byte[]) e[1], r.readBytes());
                    case 3 -> assertArrayEquals((byte[]) e[1], r.readNullableBytes());
                    case 4 -> assertEquals(e[1], r.readString());
                    default -> assertEquals((int) e[1], r.readFixedInt());
                }
            }
            r.expectEnd();
        }
    }

    private static long interestingLong(Rng rng) {
        return switch (rng.nextInt(4)) {
            case 0 -> rng.nextInt(128);
            case 1 -> rng.nextLong(1L << 35);
            case 2 -> -rng.nextLong(1000);
            default -> rng.nextLong();
        };
    }

    @Test
    void smallIntsAreCompact() {
        assertEquals(1, new ByteWriter().writeVarLong(127).sizeBytes());
        assertEquals(2, new ByteWriter().writeVarLong(128).sizeBytes());
        assertEquals(1, new ByteWriter().writeSignedVarLong(-1).sizeBytes());
        // A 288-char string costs its length plus a 2-byte length prefix, like gob.
        assertEquals(290, new ByteWriter().writeString("x".repeat(288)).sizeBytes());
    }

    @Test
    void truncatedInputIsAnErrorNamingTheOffset() {
        byte[] full = new ByteWriter().writeVarLong(1).writeBytes(new byte[10]).toByteArray();
        for (int cut = 1; cut < full.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            CodecException e = assertThrows(CodecException.class, () -> {
                ByteReader r = new ByteReader(part);
                r.readVarLong();
                r.readBytes();
            });
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
        }
        assertThrows(CodecException.class, () -> new ByteReader(new byte[] {(byte) 0x80}).readVarLong());
        assertThrows(CodecException.class, () -> new ByteReader(new byte[] {2}).readBoolean());
        assertThrows(CodecException.class, () -> {
            ByteReader r = new ByteReader(new byte[] {1, 2});
            r.readByte();
            r.expectEnd();
        });
    }

    @Test
    void recordsDetectTornTailsAndCorruption() {
        byte[] a = Records.encode(new byte[] {1, 2, 3});
        byte[] b = Records.encode(new byte[] {4, 5});
        byte[] log = new byte[a.length + b.length];
        System.arraycopy(a, 0, log, 0, a.length);
        System.arraycopy(b, 0, log, a.length, b.length);

        Records.Ok first = assertInstanceOf(Records.Ok.class, Records.read(log, 0, log.length));
        assertArrayEquals(new byte[] {1, 2, 3}, first.payload());
        Records.Ok second = assertInstanceOf(Records.Ok.class, Records.read(log, first.nextOffset(), log.length));
        assertArrayEquals(new byte[] {4, 5}, second.payload());
        assertEquals(log.length, second.nextOffset());

        // Every cut inside the second record is a torn tail, not corruption.
        for (int cut = a.length + 1; cut < log.length; cut++) {
            assertInstanceOf(Records.Torn.class, Records.read(log, a.length, cut));
        }
        // A flipped payload bit is corruption.
        byte[] bad = log.clone();
        bad[a.length - 1] ^= 0x10;
        Records.Corrupt c = assertInstanceOf(Records.Corrupt.class, Records.read(bad, 0, bad.length));
        assertTrue(c.reason().contains("checksum"), c.reason());
        assertThrows(CodecException.class, () -> Records.decodeWhole(bad, "state"));
        assertArrayEquals(new byte[] {4, 5}, Records.decodeWhole(b, "state"));
    }
}
