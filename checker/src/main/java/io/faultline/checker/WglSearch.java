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
    private final boolean unkNarrow;
    private final Prunable.Reach reach;
    private final java.util.function.Predicate<Call> linearized;

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
        detBits = new long[(n >> 6) + 2];
        unkBits = new long[(unk.length >> 6) + 1];
        unkNarrow = unk.length <= 64;
        for (int i = 0; i < det.length; i++) {
            det[i].slot = i;
        }
        for (int i = 0; i < unk.length; i++) {
            unk[i].slot = i;
        }
        List<Call> all = new ArrayList<>(d);
        all.addAll(u);
        reach = model instanceof Prunable ? ((Prunable) model).reachability(all) : null;
        linearized = c -> c.determinate
                ? (detBits[c.slot >> 6] & (1L << c.slot)) != 0
                : (unkBits[c.slot >> 6] & (1L << c.slot)) != 0;
    }

    // search state, kept in fields so that a search can pause and resume
    private Outcome out;
    private Set<Key> wide;
    private ConfigCache cache;
    private int[] stackOp;
    private Object[] stackState;
    private long[] stackM;
    private int[] stackMaxDet;
    private boolean[] stackForced;
    private int depth;
    private int detDone;
    private int maxDet;
    private Object state;
    private long steps;
    private long m;
    private int cursor;
    private boolean enter;
    private int[] bestStack = new int[0];
    /** Set from another thread to pause this search at its next poll (its verdict is not needed). */
    volatile boolean halted;
    /** Cache bytes this search has added to the budget's account. */
    private long bytesReported;

    /** Searches to the end. */
    Outcome run() {
        return run(Long.MAX_VALUE);
    }

    /**
     * Searches until a verdict, or pauses (returning null) once about {@code stepsMax} steps in
     * total have been taken; call again with a larger bound to resume.
     */
    Outcome run(long stepsMax) {
        final int n = det.length;
        final int sentinel = n;
        final int DONE = -unk.length - 1;
        if (out == null) {
            out = new Outcome();
            out.detTotal = n;
            out.bestDepth = -1;
            wide = new HashSet<>();
            cache = new ConfigCache(n + unk.length);
            int cap = n + unk.length + 1;
            stackOp = new int[cap];
            stackState = new Object[cap];
            stackM = new long[cap];
            stackMaxDet = new int[cap];
            stackForced = new boolean[cap];
            maxDet = -1;
            state = model.init();
            enter = true;
        } else if (out.validity != null) {
            return out;
        }
        while (true) {
            if (enter) {
                enter = false;
                if (detDone == n) {
                    out.validity = Validity.TRUE;
                    out.bestDepth = n;
                    out.nodes = steps;
                    out.cacheEntries = cache.size() + wide.size();
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
                    if (out.blocking != det[argmin]) {
                        out.blocking = det[argmin];
                        out.statesBefore.clear();
                    }
                    bestStack = Arrays.copyOf(stackOp, depth);
                }
                if (out.blocking == det[argmin] && out.statesBefore.size() < STATES_SHOWN_MAX) {
                    out.statesBefore.add(state);
                }
                cursor = next[sentinel];
                int forced = -1;
                boolean dead = false;
                for (int i = next[sentinel]; i != sentinel && detCall[i] < m; i = next[i]) {
                    if (det[i].readOnly) {
                        if (model.step(state, det[i]) != null) {
                            forced = i;
                            break;
                        }
                        if (reach != null && !reach.mayReach(state, det[i], linearized)) {
                            dead = true;
                            break;
                        }
                    }
                }
                if (dead) {
                    cursor = DONE;
                } else if (forced >= 0) {
                    steps++;
                    next[prev[forced]] = next[forced];
                    prev[next[forced]] = prev[forced];
                    detBits[forced >> 6] |= 1L << forced;
                    int newMaxDet = Math.max(maxDet, forced);
                    if (remember(cache, wide, newMaxDet, state)) {
                        stackOp[depth] = forced;
                        stackState[depth] = state;
                        stackM[depth] = m;
                        stackMaxDet[depth] = maxDet;
                        stackForced[depth] = true;
                        depth++;
                        maxDet = newMaxDet;
                        detDone++;
                        enter = true;
                        continue;
                    }
                    next[prev[forced]] = forced;
                    prev[next[forced]] = forced;
                    detBits[forced >> 6] &= ~(1L << forced);
                    cursor = DONE;
                }
            }
            if ((++steps & 1023) == 0) {
                if (steps >= stepsMax || halted) {
                    return null;
                }
                long bytes = cache.bytes() + wide.size() * BYTES_PER_ENTRY;
                budget.account(bytes - bytesReported);
                bytesReported = bytes;
                String why = budget.exhausted();
                if (why != null) {
                    out.bestPath = path(bestStack, bestStack.length);
                    out.validity = Validity.UNKNOWN;
                    out.reason = why;
                    out.nodes = steps;
                    out.cacheEntries = cache.size() + wide.size();
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
                    out.bestPath = path(bestStack, bestStack.length);
                    out.validity = Validity.FALSE;
                    out.nodes = steps;
                    out.cacheEntries = cache.size() + wide.size();
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
                    cursor = stackForced[depth] ? DONE : next[op];
                } else {
                    int j = -op - 1;
                    unkBits[j >> 6] &= ~(1L << j);
                    cursor = op - 1;
                }
                continue;
            }
            Call call = cand >= 0 ? det[cand] : unk[-cand - 1];
            int successor = cand >= 0 ? next[cand] : cand - 1;
            if (call.blind && depth > 0 && stackOp[depth - 1] < 0) {
                // a blind op erases the unknown-result op just before it: the configuration is
                // dominated by linearizing this op without that one, which the parent also tries
                cursor = successor;
                continue;
            }
            Object after = model.step(state, call);
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
            if (!remember(cache, wide, newMaxDet, after)) {
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
            stackForced[depth] = false;
            depth++;
            maxDet = newMaxDet;
            if (cand >= 0) {
                detDone++;
            }
            state = after;
            enter = true;
        }
    }

    /** Adds the current configuration (with state {@code st}) to the cache; false if it was there. */
    private boolean remember(ConfigCache cache, Set<Key> wide, int maxDetNow, Object st) {
        int lo = next[det.length];
        if (maxDetNow - lo <= 64 && unkNarrow) {
            return cache.add(lo, window1(lo, maxDetNow), unkBits[0], st);
        }
        return wide.add(new Key(lo, window(lo, maxDetNow), unkBits, st));
    }

    /** {@link #window} when it fits in one word (maxDet - lo <= 64). */
    private long window1(int lo, int maxDet) {
        if (maxDet <= lo) {
            return 0L;
        }
        int from = lo + 1;
        int len = maxDet - lo;
        int word = from >> 6;
        int shift = from & 63;
        long w = detBits[word] >>> shift;
        if (shift != 0 && word + 1 < detBits.length) {
            w |= detBits[word + 1] << (64 - shift);
        }
        return len == 64 ? w : w & ((1L << len) - 1);
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
