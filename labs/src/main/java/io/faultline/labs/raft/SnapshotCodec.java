package io.faultline.labs.raft;

import io.faultline.core.Check;
import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.core.codec.CodecException;

/**
 * The 3D harness's snapshot: {@code varint(lastIncludedIndex) varint(count) count x
 * nullable-bytes(command)} holding the commands of indexes 0..lastIncludedIndex (slot 0 is empty).
 */
public final class SnapshotCodec {
    /** Most commands a snapshot may claim; more is treated as corruption. */
    public static final int COMMANDS_MAX = 10_000_000;

    private SnapshotCodec() {}

    /** A decoded snapshot. */
    public record Decoded(long lastIncludedIndex, byte[][] commands) {}

    public static byte[] encode(long lastIncludedIndex, ServerLog log) {
        Check.that(lastIncludedIndex >= 0, "negative snapshot index %s", lastIncludedIndex);
        ByteWriter w = new ByteWriter();
        w.writeVarLong(lastIncludedIndex);
        w.writeVarLong(lastIncludedIndex + 1);
        for (long j = 0; j <= lastIncludedIndex; j++) {
            w.writeNullableBytes(log.get(j));
        }
        return w.toByteArray();
    }

    /** Decodes a whole snapshot; malformed input is a {@link CodecException} naming the offset. */
    public static Decoded decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        long index = r.readVarLong();
        long count = r.readVarLong();
        if (count > COMMANDS_MAX || count != index + 1) {
            throw new CodecException("snapshot claims " + count + " commands for index " + index);
        }
        byte[][] commands = new byte[(int) count][];
        for (int j = 0; j < count; j++) {
            commands[j] = r.readNullableBytes();
        }
        r.expectEnd();
        return new Decoded(index, commands);
    }
}
