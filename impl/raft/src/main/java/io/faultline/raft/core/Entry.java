package io.faultline.raft.core;

import io.faultline.core.Check;
import java.util.Arrays;

/** One log entry. The first real entry has index 1; equality compares the command bytes. */
public record Entry(long index, long term, byte[] command) {
    public Entry {
        Check.that(index >= 1, "entry index must be >= 1, was %s", index);
        Check.that(term >= 1, "entry term must be >= 1, was %s", term);
        Check.notNull(command, "command");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && e.index == index && e.term == term && Arrays.equals(e.command, command);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Long.hashCode(term) * 17 + Arrays.hashCode(command);
    }

    @Override
    public String toString() {
        return "Entry[" + index + "@" + term + ", " + command.length + "B]";
    }
}
