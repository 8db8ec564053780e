package io.faultline.kvsrv;

/**
 * Replies of the key/value services (spec §4.1). {@code ErrMaybe} is produced only by clerks;
 * {@code ErrWrongLeader} is used by replicated servers; {@code ErrTooLarge} and
 * {@code ErrBadRequest} are this implementation's refusals of oversized or malformed requests
 * (the reply then carries a message). {@code ErrNotLeader} is a replicated server's refusal
 * before proposing anything (the request certainly did not execute), unlike ErrWrongLeader.
 */
public enum Err {
    OK(0), ErrNoKey(1), ErrVersion(2), ErrMaybe(3), ErrWrongLeader(4), ErrWrongGroup(5), ErrTooLarge(6),
    ErrBadRequest(7), ErrNotLeader(8);

    private final int code;

    Err(int code) {
        this.code = code;
    }

    /** The one-byte wire code. */
    public int code() {
        return code;
    }

    private static final Err[] BY_CODE = values();

    /** The error for a wire code; null when unknown. */
    public static Err ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
