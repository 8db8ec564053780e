package io.faultline.checker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checker's verdict: {@code valid} (true/false/unknown), a one-line summary, details in
 * insertion order, an optional counterexample, and the results of sub-checkers.
 */
public final class CheckResult {
    private final String checker;
    private final Validity valid;
    private final String summary;
    private final Map<String, Object> details;
    private final Counterexample counterexample;
    private final List<CheckResult> children;

    public CheckResult(String checker, Validity valid, String summary, Map<String, Object> details,
                       Counterexample counterexample, List<CheckResult> children) {
        this.checker = checker;
        this.valid = valid;
        this.summary = summary;
        this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.counterexample = counterexample;
        this.children = children == null ? List.of() : List.copyOf(children);
    }

    public static CheckResult of(String checker, Validity valid, String summary, Map<String, Object> details) {
        return new CheckResult(checker, valid, summary, details, null, null);
    }

    /** Composes results: the worst validity wins (false over unknown over true). */
    public static CheckResult compose(String name, List<CheckResult> parts) {
        Validity v = Validity.TRUE;
        List<String> bad = new ArrayList<>();
        for (CheckResult r : parts) {
            v = Validity.worst(v, r.valid());
            if (r.valid() != Validity.TRUE) {
                bad.add(r.checker() + "=" + r.valid().label());
            }
        }
        String summary = bad.isEmpty() ? "all " + parts.size() + " checks valid" : String.join(", ", bad);
        return new CheckResult(name, v, summary, null, null, parts);
    }

    public String checker() { return checker; }
    public Validity valid() { return valid; }
    public String summary() { return summary; }
    public Map<String, Object> details() { return details; }
    public Counterexample counterexample() { return counterexample; }
    public List<CheckResult> children() { return children; }

    /** A JSON-ready tree of plain maps, lists, strings and numbers. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checker", checker);
        m.put("valid", valid == Validity.UNKNOWN ? "unknown" : (Object) (valid == Validity.TRUE));
        m.put("summary", summary);
        if (!details.isEmpty()) {
            m.put("details", details);
        }
        if (counterexample != null) {
            m.put("counterexample", counterexample.toMap());
        }
        if (!children.isEmpty()) {
            List<Object> cs = new ArrayList<>();
            for (CheckResult c : children) {
                cs.add(c.toMap());
            }
            m.put("children", cs);
        }
        return m;
    }

    @Override
    public String toString() {
        return checker + ": " + valid.label() + " (" + summary + ")";
    }
}
