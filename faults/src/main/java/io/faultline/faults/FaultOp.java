package io.faultline.faults;

import io.faultline.core.Check;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One nemesis operation as data: its {@code f} ({@code start-partition}, {@code kill}, ...) and
 * its value, a JSON-ready map ({@code targets} plus fault parameters, insertion-ordered) or null.
 */
public record FaultOp(String f, Map<String, Object> value) {
    public FaultOp {
        Check.notNull(f, "f");
        value = value == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }

    /** An op whose value is just {@code {"targets": targets}}. */
    public static FaultOp of(String f, String targets) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("targets", targets);
        return new FaultOp(f, v);
    }
}
