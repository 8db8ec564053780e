package io.faultline.checker.basic;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Validity;
import io.faultline.histories.EdnWriter;
import io.faultline.histories.History;
import io.faultline.histories.OpType;
import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Jepsen's set-full analysis for {@code :add v} and {@code :read #{...}} ops. For each element whose
 * add was attempted: <b>lost</b> if some ok read that began after the add completed ok misses it
 * and no later-starting read ever shows it again; <b>stale</b> if such a read misses it but a later
 * one shows it; <b>never-read</b> if no read began after the add completed. Invalid when any
 * element is lost, or when a read shows an element whose add was never attempted; unknown when
 * there are adds but no ok reads.
 */
public final class SetFull implements Checker {
    @Override
    public String name() {
        return "set-full";
    }

    @Override
    public CheckResult check(History history, Budget budget) {
        Map<String, Operation> adds = new TreeMap<>();
        List<Operation> reads = new ArrayList<>();
        for (Operation op : history.operations()) {
            if ("add".equals(op.f())) {
                adds.put(EdnWriter.text(op.invoke().value()), op);
            } else if ("read".equals(op.f()) && op.outcome() == OpType.OK) {
                reads.add(op);
            }
        }
        List<Set<String>> readSets = new ArrayList<>();
        Set<String> unexpected = new java.util.TreeSet<>();
        for (Operation r : reads) {
            Set<String> s = new HashSet<>();
            Object v = r.completion().value();
            if (v instanceof Collection) {
                for (Object o : (Collection<?>) v) {
                    String t = EdnWriter.text(o);
                    s.add(t);
                    if (!adds.containsKey(t)) {
                        unexpected.add(t);
                    }
                }
            }
            readSets.add(s);
        }
        List<String> lost = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> neverRead = new ArrayList<>();
        int stable = 0;
        for (Map.Entry<String, Operation> e : adds.entrySet()) {
            Operation add = e.getValue();
            if (add.outcome() != OpType.OK) {
                continue;
            }
            int lastMiss = -1;
            int lastSeen = -1;
            boolean anyAfter = false;
            for (int i = 0; i < reads.size(); i++) {
                Operation r = reads.get(i);
                if (r.invokePos() < add.completionPos()) {
                    continue;
                }
                anyAfter = true;
                if (readSets.get(i).contains(e.getKey())) {
                    lastSeen = Math.max(lastSeen, r.invokePos());
                } else {
                    lastMiss = Math.max(lastMiss, r.invokePos());
                }
            }
            if (!anyAfter) {
                neverRead.add(e.getKey());
            } else if (lastMiss < 0) {
                stable++;
            } else if (lastSeen > lastMiss) {
                stale.add(e.getKey());
            } else {
                lost.add(e.getKey());
            }
        }
        Validity v = !lost.isEmpty() || !unexpected.isEmpty() ? Validity.FALSE
                : (reads.isEmpty() && !adds.isEmpty() ? Validity.UNKNOWN : Validity.TRUE);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("attempted", adds.size());
        d.put("stable", stable);
        d.put("lost", lost);
        d.put("stale", stale);
        d.put("neverRead", neverRead);
        d.put("unexpected", new ArrayList<>(unexpected));
        String summary = v == Validity.UNKNOWN ? "no ok reads"
                : lost.size() + " lost, " + stale.size() + " stale, " + unexpected.size() + " unexpected of "
                + adds.size() + " attempted";
        return CheckResult.of(name(), v, summary, d);
    }
}
