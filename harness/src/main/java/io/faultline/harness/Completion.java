package io.faultline.harness;

import io.faultline.core.Check;
import io.faultline.histories.OpType;

/** How an invocation ended: {@code ok} (it happened), {@code fail} (it certainly did not) or {@code info} (unknown). */
public record Completion(OpType type, Object value, Object error) {
    public Completion {
        Check.that(type != OpType.INVOKE, "a completion cannot be an invoke");
    }

    public static Completion ok(Object value) {
        return new Completion(OpType.OK, value, null);
    }

    public static Completion fail(Object value, Object error) {
        return new Completion(OpType.FAIL, value, error);
    }

    public static Completion info(Object value, Object error) {
        return new Completion(OpType.INFO, value, error);
    }
}
