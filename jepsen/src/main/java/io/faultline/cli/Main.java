package io.faultline.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code faultline} command. Exit codes everywhere: 0 valid/passed, 1 invalid/failed,
 * 2 unknown verdict or bad usage, 3 error (harness, I/O, malformed input).
 */
@Command(
        name = "faultline",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Jepsen-style fault-injection testing for replicated systems, in Java.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by tests). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : Subcommands.all()) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("faultline: error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("FAULTLINE_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_ERROR;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the build version from the jar manifest when there is one. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"faultline " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
