package io.faultline.kvsrv;

/** The clerk interface of spec §4.1 (Go {@code IKVClerk}), shared by kvsrv and kvraft clerks. */
public interface KvClerk {
    /** A Get's answer: value and version when OK, else ErrNoKey. */
    record GetResult(String value, long version, Err err) {}

    /** Retries until some server answers. */
    GetResult get(String key);

    /** OK, ErrNoKey, ErrVersion, or ErrMaybe when an earlier attempt may have applied. */
    Err put(String key, String value, long version);
}
