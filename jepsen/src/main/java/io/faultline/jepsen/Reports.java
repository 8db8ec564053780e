package io.faultline.jepsen;

import io.faultline.dashboards.Report;
import java.io.IOException;
import java.nio.file.Path;

/** report.html, written by the dashboards module's {@link Report} (self-contained, no server). */
final class Reports {
    private Reports() {}

    /** Writes report.html into {@code runDir}; returns null, or why it was not written (a run's verdict does not depend on it). */
    static String write(Path runDir) {
        try {
            Report.write(runDir);
            return null;
        } catch (IOException | RuntimeException e) {
            return "report.html not written: " + Runner.describe(e);
        }
    }
}
