package io.faultline.kvsrv;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.core.codec.CodecException;
import java.nio.charset.StandardCharsets;

/**
 * Compact binary encoding of requests and replies (spec §1.4: varints and length-prefixed UTF-8).
 * Request: {@code [tag: 1 Get | 2 Put][key]} then, for Put, {@code [value][varint version]}.
 * Reply: {@code [err code][value][varint version][detail]}. Decoding malformed bytes throws
 * {@link CodecException} naming the offset.
 */
public final class KvCodec {
    private static final int TAG_GET = 1;
    private static final int TAG_PUT = 2;

    private KvCodec() {}

    public static byte[] encode(KvRequest r) {
        ByteWriter w = new ByteWriter(16 + r.key().length());
        if (r instanceof KvRequest.Put p) {
            w.writeByte(TAG_PUT).writeString(p.key()).writeString(p.value()).writeVarLong(p.version());
        } else {
            w.writeByte(TAG_GET).writeString(r.key());
        }
        return w.toByteArray();
    }

    public static KvRequest decodeRequest(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        int tag = r.readByte();
        KvRequest out;
        if (tag == TAG_GET) {
            out = new KvRequest.Get(r.readString());
        } else if (tag == TAG_PUT) {
            String key = r.readString();
            String value = r.readString();
            long version = r.readVarLong();
            if (version < 0) {
                throw new CodecException("negative version at offset " + (r.position() - 1));
            }
            out = new KvRequest.Put(key, value, version);
        } else {
            throw new CodecException("unknown request tag " + tag + " at offset 0");
        }
        r.expectEnd();
        return out;
    }

    public static byte[] encode(KvReply reply) {
        return new ByteWriter(8 + reply.value().length()).writeByte(reply.err().code()).writeString(reply.value())
                .writeVarLong(reply.version()).writeString(reply.detail()).toByteArray();
    }

    public static KvReply decodeReply(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        int code = r.readByte();
        Err err = Err.ofCode(code);
        if (err == null) {
            throw new CodecException("unknown error code " + code + " at offset 0");
        }
        KvReply out = new KvReply(err, r.readString(), r.readVarLong(), r.readString());
        r.expectEnd();
        return out;
    }

    static int utf8Length(String s) {
        return s.length() < 128 && isAscii(s) ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
