package io.faultline.workloads;

import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Invocation;
import io.faultline.harness.gen.Step;
import java.util.List;

/**
 * One op {@code f} per value in {@code values}, each on the first free client thread; exhausted when
 * all were emitted. The final phase's reads after the heal (the runner retries none: a final read
 * that fails or times out simply is not in the history as ok).
 */
final class FinalReads implements Generator {
    private final String f;
    private final List<Object> values;
    private final int next;

    FinalReads(String f, List<Object> values) {
        this(f, java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values)), 0);
    }

    private FinalReads(String f, List<Object> values, int next) {
        this.f = f;
        this.values = values;
        this.next = next;
    }

    @Override
    public Step op(Context ctx) {
        if (next >= values.size()) {
            return null;
        }
        for (Object thread : ctx.freeThreads()) {
            if (thread instanceof Integer) {
                return Step.emit(new Invocation(ctx.nowNs(), ctx.processOf(thread), f, values.get(next)),
                        new FinalReads(f, values, next + 1));
            }
        }
        return Step.pending(this);
    }
}
