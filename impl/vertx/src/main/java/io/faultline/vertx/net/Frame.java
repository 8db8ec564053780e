package io.faultline.vertx.net;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.core.codec.CodecException;

/**
 * One message on a connection. On the wire each frame is a checksummed record
 * ({@link io.faultline.core.codec.Records}: {@code varint(length) | crc32c | payload}) whose payload is
 * {@code kind byte | varint requestId | ...}: a request adds {@code signed varint fromPeer | string
 * service | body}, a reply adds {@code body}. The body is the rest of the payload.
 */
public sealed interface Frame permits Frame.Request, Frame.Reply {
    byte KIND_REQUEST = 1;
    byte KIND_REPLY = 2;

    long requestId();

    /** A call; {@code fromPeer} is the caller's node id or -1 for a client outside the group. */
    record Request(long requestId, int fromPeer, String service, byte[] body) implements Frame {}

    /** The answer to the request with the same id on the same connection. */
    record Reply(long requestId, byte[] body) implements Frame {}

    /** The record payload of {@code frame} (without length and checksum). */
    static byte[] encodePayload(Frame frame) {
        if (frame instanceof Request r) {
            ByteWriter w = new ByteWriter(r.body().length + r.service().length() + 16);
            w.writeByte(KIND_REQUEST).writeVarLong(r.requestId()).writeSignedVarLong(r.fromPeer()).writeString(r.service());
            w.writeRaw(r.body(), 0, r.body().length);
            return w.toByteArray();
        }
        Reply r = (Reply) frame;
        ByteWriter w = new ByteWriter(r.body().length + 12);
        w.writeByte(KIND_REPLY).writeVarLong(r.requestId());
        w.writeRaw(r.body(), 0, r.body().length);
        return w.toByteArray();
    }

    /** Decodes a payload; anything malformed is a {@link CodecException}. */
    static Frame decodePayload(byte[] payload) {
        ByteReader in = new ByteReader(payload);
        int kind = in.readByte();
        long id = in.readVarLong();
        if (kind == KIND_REQUEST) {
            long from = in.readSignedVarLong();
            if (from < -1 || from > 1_000_000) {
                throw new CodecException("bad fromPeer " + from + " in request " + id);
            }
            String service = in.readString();
            byte[] body = new byte[in.remaining()];
            System.arraycopy(payload, in.position(), body, 0, body.length);
            return new Request(id, (int) from, service, body);
        }
        if (kind == KIND_REPLY) {
            byte[] body = new byte[in.remaining()];
            System.arraycopy(payload, in.position(), body, 0, body.length);
            return new Reply(id, body);
        }
        throw new CodecException("unknown frame kind " + kind);
    }
}
