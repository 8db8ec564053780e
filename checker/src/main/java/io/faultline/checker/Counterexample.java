package io.faultline.checker;

import io.faultline.histories.EdnWriter;
import io.faultline.histories.History;
import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest failing window of a non-linearizable partition: the operation that cannot be
 * linearized, the operations concurrent with it, the states reachable just before it, and the
 * longest linearization found (which explains how those states arise).
 */
public final class Counterexample {
    private final String model;
    private final Object key;
    private final Operation failing;
    private final List<Operation> concurrent;
    private final List<String> statesBefore;
    private final List<Operation> linearized;
    private final List<String> statesAlong;
    private final History history;

    Counterexample(String model, Object key, Operation failing, List<Operation> concurrent, List<String> statesBefore,
                   List<Operation> linearized, List<String> statesAlong, History history) {
        this.model = model;
        this.key = key;
        this.failing = failing;
        this.concurrent = List.copyOf(concurrent);
        this.statesBefore = List.copyOf(statesBefore);
        this.linearized = List.copyOf(linearized);
        this.statesAlong = List.copyOf(statesAlong);
        this.history = history;
    }

    public String model() { return model; }
    /** The partition key, or null for an unpartitioned model. */
    public Object key() { return key; }
    public Operation failing() { return failing; }
    public List<Operation> concurrent() { return concurrent; }
    public List<String> statesBefore() { return statesBefore; }
    /** The longest linearization found, in order; {@link #statesAlong()} holds the state after each. */
    public List<Operation> linearized() { return linearized; }
    public List<String> statesAlong() { return statesAlong; }
    public History history() { return history; }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Not linearizable under model ").append(model);
        if (key != null) {
            sb.append(", key ");
            EdnWriter.value(sb, key);
        }
        sb.append(".\n");
        sb.append("  cannot linearize: [").append(failing.invokePos()).append("] ").append(Call.describe(failing)).append('\n');
        sb.append("  concurrent with it (").append(concurrent.size()).append("):\n");
        for (Operation o : concurrent) {
            sb.append("    [").append(o.invokePos()).append("] ").append(Call.describe(o)).append('\n');
        }
        sb.append("  states reachable just before it: ").append(String.join(", ", statesBefore)).append('\n');
        int from = Math.max(0, linearized.size() - 8);
        sb.append("  end of the longest linearization (").append(linearized.size()).append(" ops):\n");
        for (int i = from; i < linearized.size(); i++) {
            sb.append("    ").append(Call.describe(linearized.get(i))).append("   => ").append(statesAlong.get(i)).append('\n');
        }
        return sb.toString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        if (key != null) {
            m.put("key", String.valueOf(key));
        }
        m.put("failing", Call.describe(failing));
        m.put("failingInvokePos", failing.invokePos());
        List<String> cs = new ArrayList<>();
        for (Operation o : concurrent) {
            cs.add(Call.describe(o));
        }
        m.put("concurrent", cs);
        m.put("statesBefore", statesBefore);
        m.put("linearizedCount", linearized.size());
        return m;
    }
}
