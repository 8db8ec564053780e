package io.faultline.checker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Wing-Gong/Lowe depth-first search for one partition, iterative, with a cache of visited
 * (linearized set, state) configurations.
 *
 * <p>Determinate calls (known result) must all be linearized, each between its invocation and its
 * completion. Calls with unknown results may be linearized at any point after their invocation, or
 * never; linearizing one that leaves the state unchanged is skipped, because the configuration it
 * would produce is dominated by the current one.
 *
 * <p>The linearized set is keyed compactly: the first unlinearized determinate call {@code lo},
 * then a bitmap of linearized determinate calls after {@code lo}, then a bitmap of linearized
 * unknown-result calls.
 */
final class WglSearch {
    private static final int STATES_SHOWN_MAX = 16;
    private static final long BYTES_PER_ENTRY = 120;
    private static final int NONE = Integer.MIN_VALUE;

    private final Model model;
    private final Budget budget;
    private final Call[] det;
    private final Call[] unk;
    private final long[] detCall;
    private final long[] detRet;
    private final long[] unkCall;
    private final int[] next;
    private final int[] prev;
    private final long[] detBits;
    private final long[] unkBits;

    /** Outcome of one partition's search. */
    static final class Outcome {
        Validity validity;
        String reason;
        int detTotal;
        int bestDepth;
        Call blocking;
        List<Call> bestPath = List.of();
        Set<Object> statesBefore = new LinkedHashSet<>();
        long nodes;
        long cacheEntries;
    }

    WglSearch(Model model, List<Call> calls, Budget budget) {
        this.model = model;
        this.budget = budget;
        List<Call> d = new ArrayList<>();
        List<Call> u = new ArrayList<>();
        for (Call c : calls) {
            (c.determinate ? d : u).add(c);
        }
        Comparator<Call> byCall = Comparator.comparingLong(c -> c.callPos);
        d.sort(byCall);
        u.sort(byCall);
        det = d.toArray(new Call[0]);
        unk = u.toArray(new Call[0]);
        int n = det.length;
        detCall = new long[n];
        detRet = new long[n];
        for (int i = 0; i < n; i++) {
            detCall[i] = det[i].callPos;
            detRet[i] = det[i].retPos;
        }
        unkCall = new long[unk.length];
        for (int i = 0; i < unk.length; i++) {
            unkCall[i] = unk[i].callPos;
        }
        // doubly linked list of unlinearized determinate calls; index n is the head/tail sentinel
        next = new int[n + 1];
        prev = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            next[i] = i + 1 <= n ? i + 1 : 0;
            prev[i] = i == 0 ? n : i - 1;
        }
        // sentinel n: next[n] = 0 (first), prev[0] = n; last element n-1 -> n
        if (n > 0) {
            next[n - 1] = n;
            next[n] = 0;
            prev[0] = n;
            prev[n] = n - 1;
        } else {
            next[0] = 0;
            prev[0] = 0;
        }
        detBits = new long[(n >> 6) + 1];
        unkBits = new long[(unk.length >> 6) + 1];
    }

    Outcome run() {
        final int n = det.length;
        final int sentinel = n;
        Outcome out = new Outcome();
        out.detTotal = n;
        out.bestDepth = -1;
        Set<Key> cache = new HashSet<>();
        int[] stackOp = new int[n + unk.length + 1];
        Object[] stackState = new Object[n + unk.length + 1];
        long[] stackM = new long[n + unk.length + 1];
        int[] stackMaxDet = new int[n + unk.length + 1];
        int depth = 0;
        int detDone = 0;
        int maxDet = -1;
        Object state = model.init();
        long steps = 0;

        // node entry
        long m = 0;
        int cursor = 0;
        boolean enter = true;
        while (true) {
            if (enter) {
                enter = false;
                if (detDone == n) {
                    out.validity = Validity.TRUE;
                    out.bestDepth = n;
                    out.nodes = steps;
                    out.cacheEntries = cache.size();
                    return out;
                }
                m = Long.MAX_VALUE;
                int argmin = -1;
                for (int i = next[sentinel]; i != sentinel && detCall[i] < m; i = next[i]) {
                    if (detRet[i] < m) {
                        m = detRet[i];
                        argmin = i;
                    }
                }
                if (detDone > out.bestDepth) {
                    out.bestDepth = detDone;
                    out.blocking = det[argmin];
                    out.statesBefore.clear();
                    out.statesBefore.add(state);
                    out.bestPath = path(stackOp, depth);
                } else if (detDone == out.bestDepth && out.statesBefore.size() < STATES_SHOWN_MAX
                        && out.blocking == det[argmin]) {
                    out.statesBefore.add(state);
                }
                cursor = next[sentinel];
            }
            if ((++steps & 1023) == 0) {
                String why = budget.exhausted(cache.size() * BYTES_PER_ENTRY);
                if (why != null) {
                    out.validity = Validity.UNKNOWN;
                    out.reason = why;
                    out.nodes = steps;
                    out.cacheEntries = cache.size();
                    return out;
                }
            }
            // find the next candidate at or after cursor: determinate first, then unknown-result
            int cand = NONE;
            if (cursor >= 0) {
                if (cursor != sentinel && detCall[cursor] < m) {
                    cand = cursor;
                } else {
                    cursor = -1;
                }
            }
            if (cand == NONE) {
                for (int j = -cursor - 1; j < unk.length && unkCall[j] < m; j++) {
                    if ((unkBits[j >> 6] & (1L << j)) == 0) {
                        cand = -j - 1;
                        break;
                    }
                }
            }
            if (cand == NONE) {
                if (depth == 0) {
                    out.validity = Validity.FALSE;
                    out.nodes = steps;
                    out.cacheEntries = cache.size();
                    return out;
                }
                depth--;
                int op = stackOp[depth];
                state = stackState[depth];
                m = stackM[depth];
                maxDet = stackMaxDet[depth];
                if (op >= 0) {
                    next[prev[op]] = op;
                    prev[next[op]] = op;
                    detBits[op >> 6] &= ~(1L << op);
                    detDone--;
                    cursor = next[op];
                } else {
                    int j = -op - 1;
                    unkBits[j >> 6] &= ~(1L << j);
                    cursor = op - 1;
                }
                continue;
            }
            Call call = cand >= 0 ? det[cand] : unk[-cand - 1];
            Object after = model.step(state, call);
            int successor = cand >= 0 ? next[cand] : cand - 1;
            if (after == null || (cand < 0 && Objects.equals(after, state))) {
                cursor = successor;
                continue;
            }
            int newMaxDet = maxDet;
            if (cand >= 0) {
                next[prev[cand]] = next[cand];
                prev[next[cand]] = prev[cand];
                detBits[cand >> 6] |= 1L << cand;
                newMaxDet = Math.max(maxDet, cand);
            } else {
                int j = -cand - 1;
                unkBits[j >> 6] |= 1L << j;
            }
            Key key = new Key(next[sentinel], window(next[sentinel], newMaxDet), unkBits, after);
            if (!cache.add(key)) {
                if (cand >= 0) {
                    next[prev[cand]] = cand;
                    prev[next[cand]] = cand;
                    detBits[cand >> 6] &= ~(1L << cand);
                } else {
                    int j = -cand - 1;
                    unkBits[j >> 6] &= ~(1L << j);
                }
                cursor = successor;
                continue;
            }
            stackOp[depth] = cand;
            stackState[depth] = state;
            stackM[depth] = m;
            stackMaxDet[depth] = maxDet;
            depth++;
            maxDet = newMaxDet;
            if (cand >= 0) {
                detDone++;
            }
            state = after;
            enter = true;
        }
    }

    /** The linearized determinate calls after {@code lo}, as bits relative to {@code lo + 1}. */
    private long[] window(int lo, int maxDet) {
        if (maxDet <= lo) {
            return EMPTY;
        }
        int from = lo + 1;
        int len = maxDet - lo;
        long[] w = new long[(len + 63) >> 6];
        for (int i = 0; i < len; i++) {
            int b = from + i;
            if ((detBits[b >> 6] & (1L << b)) != 0) {
                w[i >> 6] |= 1L << i;
            }
        }
        return w;
    }

    private static final long[] EMPTY = new long[0];

    private List<Call> path(int[] stackOp, int depth) {
        List<Call> p = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            int op = stackOp[i];
            p.add(op >= 0 ? det[op] : unk[-op - 1]);
        }
        return Collections.unmodifiableList(p);
    }

    /** A cache entry: (first unlinearized, window bits, unknown-result bits, state). */
    private static final class Key {
        private final int lo;
        private final long[] window;
        private final long[] unk;
        private final Object state;
        private final int hash;

        Key(int lo, long[] window, long[] unkBits, Object state) {
            this.lo = lo;
            this.window = window;
            this.unk = trim(unkBits);
            this.state = state;
            int h = lo * 31 + Arrays.hashCode(window);
            h = h * 31 + Arrays.hashCode(unk);
            this.hash = h * 31 + Objects.hashCode(state);
        }

        private static long[] trim(long[] bits) {
            int len = bits.length;
            while (len > 0 && bits[len - 1] == 0) {
                len--;
            }
            return len == 0 ? EMPTY : Arrays.copyOf(bits, len);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return hash == k.hash && lo == k.lo && Arrays.equals(window, k.window) && Arrays.equals(unk, k.unk)
                    && Objects.equals(state, k.state);
        }
    }
}
