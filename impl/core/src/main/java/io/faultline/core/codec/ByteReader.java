package io.faultline.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link ByteWriter} writes. Every read is bounds-checked; truncated or malformed
 * input raises {@link CodecException} naming the offset, never an index exception or a silent
 * partial value.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new CodecException("bad slice offset=" + offset + " length=" + length + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw new CodecException("bad boolean " + b + " at offset " + (pos - 1));
        }
        return b == 1;
    }

    public long readVarLong() {
        long result = 0;
        int start = pos;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new CodecException("truncated varint at offset " + start);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CodecException("varint longer than 10 bytes at offset " + start);
    }

    public int readVarInt() {
        int start = pos;
        long v = readVarLong();
        if ((v >>> 32) != 0) {
            throw new CodecException("varint " + v + " does not fit an int at offset " + start);
        }
        return (int) v;
    }

    public long readSignedVarLong() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public int readFixedInt() {
        need(4);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public byte[] readBytes() {
        int start = pos;
        int len = readVarInt();
        if (len < 0 || len > end - pos) {
            throw new CodecException("length " + (len & 0xFFFFFFFFL) + " at offset " + start
                    + " exceeds the " + (end - pos) + " bytes left");
        }
        byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    public byte[] readNullableBytes() {
        int start = pos;
        int lenPlusOne = readVarInt();
        if (lenPlusOne == 0) {
            return null;
        }
        int len = lenPlusOne - 1;
        if (len < 0 || len > end - pos) {
            throw new CodecException("length " + len + " at offset " + start + " exceeds the " + (end - pos) + " bytes left");
        }
        byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    public String readString() {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** Fails unless every byte was consumed: trailing garbage is corruption, not padding. */
    public void expectEnd() {
        if (pos != end) {
            throw new CodecException((end - pos) + " unexpected trailing bytes at offset " + pos);
        }
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new CodecException("truncated: need " + n + " bytes at offset " + pos + ", have " + (end - pos));
        }
    }
}
