package io.faultline.bench;

import io.faultline.core.Check;
import org.HdrHistogram.Histogram;

/**
 * One measured setting of {@code faultline bench kvraft}: a system ({@code faultline} or {@code etcd})
 * with {@code nodes} members, one operation ({@code put} or {@code get}) kept {@code inFlight} deep
 * for {@code seconds}.
 *
 * @param ops        operations acknowledged in the measured window
 * @param latencyNanos latency of each acknowledged operation, from first send to the answer (retries included)
 * @param errVersion Puts answered ErrVersion (each followed by a Get to learn the version); should be 0
 * @param retries    attempts repeated after a lost call or a not-leader answer
 * @param errors     other failures (etcd: failed calls; Gets that found no key)
 */
public record OpResult(String system, int nodes, String op, int inFlight, long ops, double seconds,
                       Histogram latencyNanos, long errVersion, long retries, long errors) {
    public OpResult {
        Check.notNull(system, "system");
        Check.that(op.equals("put") || op.equals("get"), "op must be put or get, was %s", op);
        Check.that(seconds > 0, "seconds must be positive, was %s", seconds);
        Check.notNull(latencyNanos, "latencyNanos");
    }

    public double opsPerSecond() {
        return ops / seconds;
    }

    /** Latency at {@code percentile} in milliseconds (NaN when nothing was measured). */
    public double percentileMs(double percentile) {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }
}
