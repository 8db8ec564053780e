package io.faultline.kvsrv;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned map of spec §4.1, key → (value, version), shared by kvsrv and kvraft. No
 * per-client state: versions alone make a Put at-most-once. Keys are sorted, so snapshots are
 * deterministic.
 */
public final class KvStore {
    /** A key's value and version (version ≥ 1 once the key exists). */
    private record Entry(String value, long version) {}

    private final TreeMap<String, Entry> map = new TreeMap<>();

    /** Applies {@code r} and returns the reply the server sends. */
    public KvReply apply(KvRequest r) {
        Entry e = map.get(r.key());
        if (r instanceof KvRequest.Put p) {
            if (e == null) {
                if (p.version() != 0) {
                    return KvReply.of(Err.ErrNoKey);
                }
                map.put(p.key(), new Entry(p.value(), 1));
                return KvReply.of(Err.OK);
            }
            if (e.version() != p.version()) {
                return KvReply.of(Err.ErrVersion);
            }
            map.put(p.key(), new Entry(p.value(), e.version() + 1));
            return KvReply.of(Err.OK);
        }
        return e == null ? KvReply.of(Err.ErrNoKey) : new KvReply(Err.OK, e.value(), e.version(), "");
    }

    public int size() {
        return map.size();
    }

    /** Encodes every key with value and version: {@code [n]([key][value][version])*}. */
    public byte[] snapshot() {
        return encode(true);
    }

    /**
     * Encodes the map; {@code withVersions=false} writes version 1 for every key. That variant
     * exists only for the planted bug of kvraft ({@code bug-snapshot-drops-versions}).
     */
    public byte[] encode(boolean withVersions) {
        ByteWriter w = new ByteWriter(16 + 16 * map.size());
        w.writeVarInt(map.size());
        for (Map.Entry<String, Entry> e : map.entrySet()) {
            w.writeString(e.getKey()).writeString(e.getValue().value())
                    .writeVarLong(withVersions ? e.getValue().version() : 1);
        }
        return w.toByteArray();
    }

    /** Replaces the content with a {@link #snapshot()}; malformed bytes throw naming the offset. */
    public void restore(byte[] snapshot) {
        ByteReader r = new ByteReader(snapshot);
        int n = r.readVarInt();
        TreeMap<String, Entry> fresh = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String key = r.readString();
            String value = r.readString();
            fresh.put(key, new Entry(value, r.readVarLong()));
        }
        r.expectEnd();
        map.clear();
        map.putAll(fresh);
    }
}
