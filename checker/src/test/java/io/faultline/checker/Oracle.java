package io.faultline.checker;

import io.faultline.histories.History;
import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brute-force linearizability: tries every subset of the unknown-result calls and every order of
 * the chosen calls that respects real time, stepping one state per key. No caching, no
 * partitioning, no read-only shortcuts: only the definition.
 */
final class Oracle {
    private Oracle() {}

    static boolean linearizable(Model model, History h) {
        List<Call> det = new ArrayList<>();
        List<Call> unk = new ArrayList<>();
        for (Operation op : h.operations()) {
            if (!op.invoke().isClient()) {
                continue;
            }
            Call c = model.prepare(op);
            if (c != null) {
                (c.determinate() ? det : unk).add(c);
            }
        }
        if (unk.size() > 16) {
            throw new IllegalArgumentException("too many unknown-result calls for brute force: " + unk.size());
        }
        for (int mask = 0; mask < (1 << unk.size()); mask++) {
            List<Call> chosen = new ArrayList<>(det);
            for (int i = 0; i < unk.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    chosen.add(unk.get(i));
                }
            }
            if (search(model, chosen, new boolean[chosen.size()], 0, new HashMap<>())) {
                return true;
            }
        }
        return false;
    }

    private static boolean search(Model model, List<Call> calls, boolean[] used, int done, Map<Object, Object> states) {
        if (done == calls.size()) {
            return true;
        }
        for (int i = 0; i < calls.size(); i++) {
            if (used[i]) {
                continue;
            }
            Call c = calls.get(i);
            boolean minimal = true;
            for (int j = 0; j < calls.size() && minimal; j++) {
                minimal = used[j] || j == i || calls.get(j).retPos() >= c.callPos();
            }
            if (!minimal) {
                continue;
            }
            boolean had = states.containsKey(c.key());
            Object before = had ? states.get(c.key()) : model.init();
            Object after = model.step(before, c);
            if (after == null) {
                continue;
            }
            states.put(c.key(), after);
            used[i] = true;
            if (search(model, calls, used, done + 1, states)) {
                return true;
            }
            used[i] = false;
            if (had) {
                states.put(c.key(), before);
            } else {
                states.remove(c.key());
            }
        }
        return false;
    }
}
