package io.faultline.mapreduce.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultline mr}: the MapReduce lab's processes. */
@Command(name = "mr",
        mixinStandardHelpOptions = true,
        description = "MapReduce (6.5840 lab 1): run a coordinator, a worker, or the sequential reference.",
        subcommands = {CoordinatorCommand.class, WorkerCommand.class, SequentialCommand.class, SelfTestCommand.class})
public final class MrCommand implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
