package io.faultline.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the compact encodings the wire format and stored records use:
 * unsigned LEB128 varints, zig-zag signed varints, length-prefixed bytes and UTF-8 strings.
 * An int costs 1-5 bytes, comparable to Go's gob on which the lab byte thresholds are calibrated.
 */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int initialCapacityBytes) {
        this.buf = new byte[Math.max(16, initialCapacityBytes)];
    }

    public ByteWriter writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteWriter writeBoolean(boolean b) {
        return writeByte(b ? 1 : 0);
    }

    /** Unsigned varint; negative values take 10 bytes, so use {@link #writeSignedVarLong} for those. */
    public ByteWriter writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter writeVarInt(int v) {
        return writeVarLong(v & 0xFFFFFFFFL);
    }

    /** Zig-zag encoded so small negative numbers stay small. */
    public ByteWriter writeSignedVarLong(long v) {
        return writeVarLong((v << 1) ^ (v >> 63));
    }

    public ByteWriter writeFixedInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    /** Length-prefixed bytes; null is encoded as length 0 with a marker (see {@link ByteReader#readNullableBytes}). */
    public ByteWriter writeBytes(byte[] bytes) {
        writeVarInt(bytes.length);
        return writeRaw(bytes, 0, bytes.length);
    }

    /** Nullable variant: varint(length + 1), 0 meaning null. */
    public ByteWriter writeNullableBytes(byte[] bytes) {
        if (bytes == null) {
            return writeVarInt(0);
        }
        writeVarInt(bytes.length + 1);
        return writeRaw(bytes, 0, bytes.length);
    }

    public ByteWriter writeString(String s) {
        return writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public ByteWriter writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    public int sizeBytes() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void reset() {
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
