package io.faultline.kvsrv;

/** A request to a key/value server: {@link Get} or {@link Put} (spec §4.1). */
public sealed interface KvRequest permits KvRequest.Get, KvRequest.Put {
    String key();

    /** Get(key) returns (value, version, OK) or ErrNoKey. */
    record Get(String key) implements KvRequest {}

    /** Put(key, value, version) returns OK, ErrVersion or ErrNoKey. */
    record Put(String key, String value, long version) implements KvRequest {}
}
