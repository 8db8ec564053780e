package io.faultline.checker.model;

import io.faultline.checker.Call;
import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A FIFO queue: {@code :enqueue v}, {@code :dequeue} returning the head (an ok dequeue of nil means
 * the queue was empty). Failed ops did not happen; a crashed dequeue may remove the head or not.
 */
public final class FifoQueue extends KnossosStyleModel {
    private static final int ENQUEUE = 0;
    private static final int DEQUEUE = 1;

    public FifoQueue() {
        super("fifo-queue", List.of());
    }

    @Override
    Call prepareHappened(Operation op, boolean det) {
        switch (op.f()) {
            case "enqueue": return new Call(op, ENQUEUE, op.invoke().value(), null, null, det, null);
            case "dequeue": {
                Call c = new Call(op, DEQUEUE, det ? op.completion().value() : null, null, null, det, null);
                return det && c.a() == null ? c.readOnly() : c;
            }
            default: throw Fields.unsupported(name(), op.f());
        }
    }

    @Override
    public Object step(Object state, Call c) {
        List<?> q = (List<?>) state;
        if (c.kind() == ENQUEUE) {
            List<Object> n = new ArrayList<>(q.size() + 1);
            n.addAll(q);
            n.add(c.a());
            return Collections.unmodifiableList(n);
        }
        if (q.isEmpty()) {
            return c.determinate() && c.a() == null ? q : null;
        }
        if (c.determinate() && !Objects.equals(q.get(0), c.a())) {
            return null;
        }
        return Collections.unmodifiableList(new ArrayList<>(q.subList(1, q.size())));
    }
}
