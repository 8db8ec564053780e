package io.faultline.harness;

import io.faultline.kvsrv.KvClerk;

/** Clerks of the key/value system under test (kvsrv or kvraft), one per interpreter thread. */
public interface KvClerks {
    /**
     * A clerk that tries {@code node} first. Each of its calls gives up after {@code opTimeoutMs}
     * by throwing {@link OpTimeoutException}: the op's outcome is then unknown ({@code info}).
     */
    KvClerk open(int thread, String node, long opTimeoutMs) throws Exception;

    /** Thrown by a clerk call that ran out of time. */
    final class OpTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public OpTimeoutException(String message) {
            super(message);
        }
    }
}
