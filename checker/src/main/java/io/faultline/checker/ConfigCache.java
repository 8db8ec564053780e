package io.faultline.checker;

import java.util.Objects;

/**
 * An open-addressing hash set of search configurations (first unlinearized determinate call,
 * 64-bit window of linearized determinate calls after it, 64-bit set of linearized unknown-result
 * calls, model state). Allocation-free per insert; configurations that need wider bitmaps go to
 * the caller's fallback set.
 */
final class ConfigCache {
    private static final int INITIAL_CAPACITY = 1 << 10;
    private static final int CAPACITY_HINT_MAX = 1 << 14;
    /** Approximate bytes per slot (arrays only; states are shared with the search). */
    static final long BYTES_PER_SLOT = 8 + 8 + 4 + 4 + 8;

    private int[] los;
    private long[] ws;
    private long[] us;
    private int[] hashes;
    private Object[] states;
    private int size;
    private int mask;

    ConfigCache(int calls) {
        int cap = INITIAL_CAPACITY;
        while (cap < CAPACITY_HINT_MAX && cap < calls * 32L) {
            cap <<= 1;
        }
        allocate(cap);
    }

    private void allocate(int capacity) {
        los = new int[capacity];
        ws = new long[capacity];
        us = new long[capacity];
        hashes = new int[capacity];
        states = new Object[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    long bytes() {
        return (mask + 1L) * BYTES_PER_SLOT;
    }

    static int hash(int lo, long w, long u, Object state) {
        long h = lo * 0x9E3779B97F4A7C15L;
        h ^= w * 0xC2B2AE3D27D4EB4FL;
        h = Long.rotateLeft(h, 31) ^ (u * 0x165667B19E3779F9L);
        h = Long.rotateLeft(h, 27) ^ (Objects.hashCode(state) * 0x27D4EB2F165667C5L);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h;
    }

    /** Adds the configuration (state never null); returns false if it was already present. */
    boolean add(int lo, long w, long u, Object state) {
        int h = hash(lo, w, u, state);
        int i = h & mask;
        while (states[i] != null) {
            if (hashes[i] == h && los[i] == lo && ws[i] == w && us[i] == u && Objects.equals(states[i], state)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        los[i] = lo;
        ws[i] = w;
        us[i] = u;
        states[i] = state;
        if (++size * 2 > mask + 1) {
            grow();
        }
        return true;
    }

    private void grow() {
        int[] oLos = los;
        long[] oWs = ws;
        long[] oUs = us;
        int[] oHashes = hashes;
        Object[] oStates = states;
        allocate((mask + 1) * 2);
        for (int j = 0; j < oStates.length; j++) {
            if (oStates[j] != null) {
                int i = oHashes[j] & mask;
                while (states[i] != null) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oHashes[j];
                los[i] = oLos[j];
                ws[i] = oWs[j];
                us[i] = oUs[j];
                states[i] = oStates[j];
            }
        }
    }
}
