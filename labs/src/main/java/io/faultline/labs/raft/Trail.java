package io.faultline.labs.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #LINES_MAX} things the tester did or saw (faults, network modes, leaders found,
 * agreements reached), with virtual timestamps: printed under a failing run so a replay shows
 * what led up to it.
 */
public final class Trail {
    public static final int LINES_MAX = 200;

    private final ArrayDeque<String> lines = new ArrayDeque<>();

    synchronized void add(long nowMs, String what) {
        if (lines.size() == LINES_MAX) {
            lines.removeFirst();
        }
        lines.addLast(String.format("%8.3f s  %s", nowMs / 1000.0, what));
    }

    /** Oldest first. */
    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }
}
