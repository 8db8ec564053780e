package io.faultline.mapreduce.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartitionTest {
    @Test
    void ihashIsFnv1a32MaskedToNonNegative() {
        // Published FNV-1a 32-bit vectors: "" = 0x811c9dc5, "a" = 0xe40c292c, "foobar" = 0xbf9cf968.
        assertEquals(0x811c9dc5 & 0x7fffffff, Partition.ihash(""));
        assertEquals(0xe40c292c & 0x7fffffff, Partition.ihash("a"));
        assertEquals(0xbf9cf968 & 0x7fffffff, Partition.ihash("foobar"));
    }

    @Test
    void hashesUtf8Bytes() {
        // "é" is C3 A9 in UTF-8; computed by hand from the FNV-1a definition.
        int h = 0x811c9dc5;
        for (int b : new int[] {0xC3, 0xA9}) {
            h ^= b;
            h *= 0x01000193;
        }
        assertEquals(h & 0x7fffffff, Partition.ihash("é"));
    }

    @Test
    void bucketsAreInRange() {
        for (int i = 0; i < 10_000; i++) {
            int b = Partition.bucket("key" + i, 10);
            assertTrue(b >= 0 && b < 10, "bucket " + b);
        }
    }
}
