package io.faultline.mapreduce.cli;

import picocli.CommandLine;

/**
 * Entry point for MapReduce processes started without the full CLI ({@code java -cp ...
 * io.faultline.mapreduce.cli.MrMain worker --app wc}); same commands and exit codes as
 * {@code faultline mr}.
 */
public final class MrMain {
    private MrMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new MrCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("faultline mr: error: " + ex);
            return MrCommand.EXIT_ERROR;
        });
        return cl.execute(args);
    }
}
