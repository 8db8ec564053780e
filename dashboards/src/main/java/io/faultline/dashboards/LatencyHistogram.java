package io.faultline.dashboards;

/**
 * A log-linear histogram of nanosecond latencies (HDR-style: the leading bit's position plus
 * {@code subBits} bits after it), so quantiles carry a relative error below 2^-subBits.
 */
final class LatencyHistogram {
    private static final int EXP_MAX = 44; // 2^44 ns is about 4.9 hours; longer latencies land in the top bin
    private final int subBits;
    private final long[] counts;
    private long total;
    private long maxNs;

    LatencyHistogram(int subBits) {
        this.subBits = subBits;
        this.counts = new long[(EXP_MAX + 1) << subBits];
    }

    int bin(long ns) {
        long x = Math.max(1, ns);
        int e = 63 - Long.numberOfLeadingZeros(x);
        if (e < subBits) {
            return (int) x; // exact for small values
        }
        if (e > EXP_MAX) {
            return counts.length - 1;
        }
        int frac = (int) ((x >>> (e - subBits)) & ((1 << subBits) - 1));
        return (e << subBits) + frac;
    }

    /** The upper edge of a bin, in ns. */
    long upper(int bin) {
        int e = bin >>> subBits;
        if (e < subBits) {
            return bin;
        }
        int frac = bin & ((1 << subBits) - 1);
        return ((long) ((1 << subBits) + frac + 1) << (e - subBits)) - 1;
    }

    void add(long ns) {
        counts[bin(ns)]++;
        total++;
        maxNs = Math.max(maxNs, ns);
    }

    void addAll(LatencyHistogram o) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += o.counts[i];
        }
        total += o.total;
        maxNs = Math.max(maxNs, o.maxNs);
    }

    long total() {
        return total;
    }

    long maxNs() {
        return maxNs;
    }

    /** The q-quantile (0..1) in ns, capped at the true maximum; -1 when empty. */
    long quantileNs(double q) {
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upper(i), maxNs);
            }
        }
        return maxNs;
    }
}
