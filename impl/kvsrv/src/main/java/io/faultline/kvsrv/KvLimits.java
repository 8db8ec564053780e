package io.faultline.kvsrv;

import io.faultline.core.Check;

/**
 * Size limits a server enforces on each request; anything larger is refused with
 * {@link Err#ErrTooLarge} and a message naming the limit.
 *
 * @param keyBytesMax   most UTF-8 bytes in a key
 * @param valueBytesMax most UTF-8 bytes in a value
 */
public record KvLimits(int keyBytesMax, int valueBytesMax) {
    public KvLimits {
        Check.inRange(keyBytesMax, 1, 1 << 20, "keyBytesMax");
        Check.inRange(valueBytesMax, 1, 64 << 20, "valueBytesMax");
    }

    /** 1 KiB keys, 1 MiB values. */
    public static KvLimits defaults() {
        return new KvLimits(1024, 1 << 20);
    }

    /** Null when {@code r} fits, else why it does not. */
    public String violation(KvRequest r) {
        int keyBytes = KvCodec.utf8Length(r.key());
        if (keyBytes > keyBytesMax) {
            return "key of " + keyBytes + " bytes exceeds keyBytesMax=" + keyBytesMax;
        }
        if (r instanceof KvRequest.Put p) {
            int valueBytes = KvCodec.utf8Length(p.value());
            if (valueBytes > valueBytesMax) {
                return "value of " + valueBytes + " bytes exceeds valueBytesMax=" + valueBytesMax;
            }
        }
        return null;
    }
}
