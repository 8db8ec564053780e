package io.faultline.checker.basic;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.histories.History;
import java.util.ArrayList;
import java.util.List;

/** Runs several checkers; the verdict is the worst (false over unknown over true). */
public final class Compose implements Checker {
    private final String name;
    private final List<Checker> checkers;

    public Compose(String name, List<Checker> checkers) {
        this.name = name;
        this.checkers = List.copyOf(checkers);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckResult check(History history, Budget budget) {
        List<CheckResult> rs = new ArrayList<>();
        for (Checker c : checkers) {
            rs.add(c.check(history, budget));
        }
        return CheckResult.compose(name, rs);
    }
}
