package io.faultline.raft.core;

import io.faultline.core.Check;
import java.util.Arrays;

/** A service snapshot covering every entry up to and including {@code index} (whose term is {@code term}). */
public record Snapshot(long index, long term, byte[] data) {
    public Snapshot {
        Check.that(index >= 1, "snapshot index must be >= 1, was %s", index);
        Check.that(term >= 1, "snapshot term must be >= 1, was %s", term);
        Check.notNull(data, "snapshot data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.index == index && s.term == term && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Long.hashCode(term) * 17 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Snapshot[" + index + "@" + term + ", " + data.length + "B]";
    }
}
