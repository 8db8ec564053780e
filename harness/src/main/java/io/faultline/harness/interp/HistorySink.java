package io.faultline.harness.interp;

import io.faultline.histories.Op;

/**
 * Receives every op as the interpreter records it, in index order: each invocation before the
 * client is called, each completion after it returns. The store's sink streams them to
 * {@code history.jsonl}; must not block for long (the interpreter's loop calls it).
 */
public interface HistorySink {
    void record(Op op);
}
