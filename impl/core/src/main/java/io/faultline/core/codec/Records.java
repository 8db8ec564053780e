package io.faultline.core.codec;

import java.util.zip.CRC32C;

/**
 * Checksummed records, used for stored data and wire frames:
 * {@code varint(length) | crc32c(payload) as 4 bytes | payload}.
 *
 * <p>{@link #read} distinguishes a record cut short at the end of the input (a torn tail, which
 * a log may truncate on restart) from a record that is complete but wrong (corruption, which must
 * stop the reader).
 */
public final class Records {
    /** Largest payload accepted; anything larger is treated as corruption. */
    public static final int PAYLOAD_BYTES_MAX = 64 * 1024 * 1024;

    private Records() {}

    public static void write(ByteWriter out, byte[] payload) {
        if (payload.length > PAYLOAD_BYTES_MAX) {
            throw new CodecException("record of " + payload.length + " bytes exceeds " + PAYLOAD_BYTES_MAX);
        }
        out.writeVarInt(payload.length);
        out.writeFixedInt(crc32c(payload, 0, payload.length));
        out.writeRaw(payload, 0, payload.length);
    }

    public static byte[] encode(byte[] payload) {
        ByteWriter w = new ByteWriter(payload.length + 9);
        write(w, payload);
        return w.toByteArray();
    }

    public static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** The outcome of reading one record at a position. */
    public sealed interface ReadResult permits Ok, Torn, Corrupt {}

    /** A whole record whose checksum matches; {@code nextOffset} is where the next one starts. */
    public record Ok(byte[] payload, int nextOffset) implements ReadResult {}

    /** The input ends inside this record: a torn write at the tail. */
    public record Torn(int offset, String reason) implements ReadResult {}

    /** A complete record that is wrong (bad checksum, absurd length). */
    public record Corrupt(int offset, String reason) implements ReadResult {}

    /** Reads the record that starts at {@code offset} of {@code bytes[0..limit)}. */
    public static ReadResult read(byte[] bytes, int offset, int limit) {
        int pos = offset;
        long len = 0;
        int shift = 0;
        while (true) {
            if (pos >= limit) {
                return new Torn(offset, "length varint cut off");
            }
            byte b = bytes[pos++];
            len |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 35) {
                return new Corrupt(offset, "length varint too long");
            }
        }
        if (len > PAYLOAD_BYTES_MAX) {
            return new Corrupt(offset, "length " + len + " exceeds " + PAYLOAD_BYTES_MAX);
        }
        if (limit - pos < 4 + len) {
            return new Torn(offset, "record of " + len + " bytes cut off after " + Math.max(0, limit - pos - 4));
        }
        int stored = ((bytes[pos] & 0xFF) << 24) | ((bytes[pos + 1] & 0xFF) << 16)
                | ((bytes[pos + 2] & 0xFF) << 8) | (bytes[pos + 3] & 0xFF);
        pos += 4;
        int actual = crc32c(bytes, pos, (int) len);
        if (stored != actual) {
            return new Corrupt(offset, String.format("checksum mismatch (stored %08x, computed %08x)", stored, actual));
        }
        byte[] payload = new byte[(int) len];
        System.arraycopy(bytes, pos, payload, 0, (int) len);
        return new Ok(payload, pos + (int) len);
    }

    /** Decodes exactly one record filling all of {@code bytes}; any problem is a {@link CodecException}. */
    public static byte[] decodeWhole(byte[] bytes, String what) {
        ReadResult r = read(bytes, 0, bytes.length);
        if (r instanceof Ok ok) {
            if (ok.nextOffset() != bytes.length) {
                throw new CodecException(what + ": " + (bytes.length - ok.nextOffset()) + " trailing bytes after record");
            }
            return ok.payload();
        } else if (r instanceof Torn t) {
            throw new CodecException(what + ": truncated record at offset " + t.offset() + ": " + t.reason());
        } else {
            Corrupt c = (Corrupt) r;
            throw new CodecException(what + ": corrupt record at offset " + c.offset() + ": " + c.reason());
        }
    }
}
