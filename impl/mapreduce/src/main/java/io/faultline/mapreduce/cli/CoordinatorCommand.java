package io.faultline.mapreduce.cli;

import io.faultline.mapreduce.Coordinator;
import io.faultline.mapreduce.core.SchedulerConfig;
import io.faultline.mapreduce.rpc.MrTransport;
import io.faultline.mapreduce.rpc.Transports;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = {"Runs the MapReduce coordinator over FILES (one map task each) in the current directory.",
                "Listens on loopback, publishes its address in mr-coordinator.addr, and exits once all",
                "mr-out-* files are final. Exit: 0 done, 2 bad usage (e.g. a missing input file), 3 error."})
public final class CoordinatorCommand implements Callable<Integer> {
    @Option(names = "--reduce", description = "Number of reduce tasks (default ${DEFAULT-VALUE}).", defaultValue = "10")
    int reduceCount;

    @Option(names = "--host", description = "Loopback address to bind (default ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", description = "Port to bind; 0 picks a free one (default ${DEFAULT-VALUE}).", defaultValue = "0")
    int port;

    @Option(names = "--task-timeout-ms", description = "Reassign a task not reported within this (default ${DEFAULT-VALUE}).",
            defaultValue = "" + SchedulerConfig.DEFAULT_TASK_TIMEOUT_MS)
    long taskTimeoutMs;

    @Option(names = "--exit-grace-ms", description = "Keep telling workers to exit this long after the job is done (default ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    long exitGraceMs;

    @Option(names = "--unsafe-early-exit", hidden = true,
            description = "Deliberately broken, for tests: exit once every task is handed out, before output is final.")
    boolean unsafeEarlyExit;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "Input files, one map task each.")
    List<String> files;

    @Override
    public Integer call() {
        return CliSupport.guarded("coordinator", () -> {
            Path cwd = Path.of("").toAbsolutePath();
            Coordinator.Options o = new Coordinator.Options(cwd, files, reduceCount, host, port,
                    taskTimeoutMs, exitGraceMs, 100, unsafeEarlyExit);
            Coordinator c = new Coordinator(o, System.err);
            try (MrTransport t = Transports.create()) {
                c.run(t);
            }
            return MrCommand.EXIT_OK;
        });
    }
}
