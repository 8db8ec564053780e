package io.faultline.checker;

import io.faultline.histories.History;
import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link Counterexample} from a failed partition search. */
final class Counterexamples {
    private Counterexamples() {}

    static Counterexample build(Model model, Object key, List<Call> calls, WglSearch.Outcome o, History history) {
        Call bad = o.blocking;
        List<Operation> concurrent = new ArrayList<>();
        long lo = bad.callPos;
        long hi = bad.retPos;
        for (Call c : calls) {
            if (c != bad && c.callPos < hi && c.retPos > lo) {
                concurrent.add(c.source);
            }
        }
        concurrent.sort((x, y) -> Integer.compare(x.invokePos(), y.invokePos()));
        List<String> states = new ArrayList<>();
        for (Object s : o.statesBefore) {
            states.add(model.describe(s));
        }
        List<Operation> path = new ArrayList<>();
        List<String> along = new ArrayList<>();
        Object st = model.init();
        for (Call c : o.bestPath) {
            st = model.step(st, c);
            path.add(c.source);
            along.add(model.describe(st));
        }
        return new Counterexample(model.name(), key, bad.source, concurrent, states, path, along, history);
    }
}
