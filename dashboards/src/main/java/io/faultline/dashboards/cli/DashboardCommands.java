package io.faultline.dashboards.cli;

import java.util.List;

/** The dashboards' subcommands of {@code faultline}; jepsen's Subcommands adds {@link #all()}. */
public final class DashboardCommands {
    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 2;
    static final int EXIT_ERROR = 3;

    private DashboardCommands() {}

    public static List<Object> all() {
        return List.of(new ServeCommand(), new ReportCommand());
    }
}
