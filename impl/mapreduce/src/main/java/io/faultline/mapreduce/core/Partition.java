package io.faultline.mapreduce.core;

import io.faultline.core.Check;
import java.nio.charset.StandardCharsets;

/** Which reduce task a key goes to: {@code ihash(key) % reduceCount}, as in 6.5840. */
public final class Partition {
    private static final int FNV32_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV32_PRIME = 0x01000193;

    private Partition() {}

    /** FNV-1a, 32 bits, over the key's UTF-8 bytes, masked to a non-negative int. */
    public static int ihash(String key) {
        int h = FNV32_OFFSET_BASIS;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= FNV32_PRIME;
        }
        return h & 0x7fffffff;
    }

    public static int bucket(String key, int reduceCount) {
        Check.that(reduceCount > 0, "reduceCount %s <= 0", reduceCount);
        return ihash(key) % reduceCount;
    }
}
