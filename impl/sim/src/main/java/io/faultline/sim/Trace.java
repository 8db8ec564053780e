package io.faultline.sim;

/** The running trace hash: folds every executed event (time, kind, node, message hash). Internal. */
final class Trace {
    private Trace() {}

    static long fold(long trace, Event e) {
        long h = mix(trace ^ e.time);
        h = mix(h + ((long) e.kind << 48) + (e.owner == null ? 0 : e.owner.id));
        if (e.traceData != 0) {
            h = mix(h ^ e.traceData);
        }
        return h;
    }

    /** FNV-1a over the bytes, seeded with the length; a fixed value for null. */
    static long hashBytes(byte[] b) {
        if (b == null) {
            return 0x0DDBA11L;
        }
        long h = 0xCBF29CE484222325L ^ b.length;
        for (byte x : b) {
            h = (h ^ (x & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }

    /** SplitMix64's finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
