package io.faultline.kvsrv;

/**
 * A server's answer. For a Get: {@code value} and {@code version} when OK; for a Put only
 * {@code err} matters. {@code detail} explains ErrTooLarge / ErrBadRequest, else "".
 */
public record KvReply(Err err, String value, long version, String detail) {
    public static KvReply of(Err err) {
        return new KvReply(err, "", 0, "");
    }

    public static KvReply refused(Err err, String detail) {
        return new KvReply(err, "", 0, detail);
    }
}
