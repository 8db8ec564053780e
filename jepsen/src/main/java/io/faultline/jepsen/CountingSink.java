package io.faultline.jepsen;

import io.faultline.harness.interp.HistorySink;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayDeque;
import java.util.Deque;

/** Passes ops on to the history writer and counts client completions for the progress line. */
final class CountingSink implements HistorySink {
    private final HistorySink next;
    private long ok;
    private long fail;
    private long info;
    private final Deque<Long> recentNs = new ArrayDeque<>();
    private static final int RECENT_MAX = 1_000_000;

    CountingSink(HistorySink next) {
        this.next = next;
    }

    @Override
    public void record(Op op) {
        next.record(op);
        if (op.type() == OpType.INVOKE || !op.isClient()) {
            return;
        }
        synchronized (this) {
            if (op.type() == OpType.OK) {
                ok++;
            } else if (op.type() == OpType.FAIL) {
                fail++;
            } else {
                info++;
            }
            if (recentNs.size() >= RECENT_MAX) {
                recentNs.pollFirst();
            }
            recentNs.addLast(System.nanoTime());
        }
    }

    /** {ok, fail, info, completions in the last second}. */
    synchronized long[] counts() {
        long cutoff = System.nanoTime() - 1_000_000_000L;
        while (!recentNs.isEmpty() && recentNs.peekFirst() - cutoff < 0) {
            recentNs.pollFirst();
        }
        return new long[] {ok, fail, info, recentNs.size()};
    }
}
