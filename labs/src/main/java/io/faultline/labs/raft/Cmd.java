package io.faultline.labs.raft;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.core.codec.CodecException;
import java.nio.charset.StandardCharsets;

/**
 * The lab tests' commands (Go ints and strings) as compact byte arrays: a tag byte, then a
 * zig-zag varint or the UTF-8 bytes. Commands are compared by value ({@link java.util.Arrays#equals}).
 */
public final class Cmd {
    private static final int TAG_INT = 1;
    private static final int TAG_STRING = 2;

    private Cmd() {}

    public static byte[] ofInt(long value) {
        return new ByteWriter(11).writeByte(TAG_INT).writeSignedVarLong(value).toByteArray();
    }

    public static byte[] ofString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ByteWriter w = new ByteWriter(utf8.length + 1).writeByte(TAG_STRING);
        return w.writeRaw(utf8, 0, utf8.length).toByteArray();
    }

    public static boolean isInt(byte[] cmd) {
        return cmd != null && cmd.length >= 2 && cmd[0] == TAG_INT;
    }

    /** The int value of an int command; anything else is a {@link CodecException}. */
    public static long asInt(byte[] cmd) {
        if (!isInt(cmd)) {
            throw new CodecException("not an int command: " + show(cmd));
        }
        ByteReader r = new ByteReader(cmd, 1, cmd.length - 1);
        long v = r.readSignedVarLong();
        r.expectEnd();
        return v;
    }

    /** A short printable form, like Go's {@code %v} cut to 8 characters as the tester prints it. */
    public static String show(byte[] cmd) {
        if (cmd == null) {
            return "<nil>";
        }
        if (cmd.length >= 1 && cmd[0] == TAG_STRING) {
            String s = new String(cmd, 1, cmd.length - 1, StandardCharsets.UTF_8);
            return s.length() <= 8 ? s : s.substring(0, 8) + "...(" + s.length() + " chars)";
        }
        try {
            return Long.toString(asInt(cmd));
        } catch (CodecException e) {
            return "<" + cmd.length + " opaque bytes>";
        }
    }
}
