package io.faultline.checker;

import io.faultline.histories.History;

/** Checks a history and returns a verdict with details. */
public interface Checker {
    String name();

    CheckResult check(History history, Budget budget);
}
