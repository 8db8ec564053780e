package io.faultline.mapreduce.cli;

import io.faultline.mapreduce.CoordinatorAddress;
import io.faultline.mapreduce.Worker;
import io.faultline.mapreduce.app.AppContext;
import io.faultline.mapreduce.app.Apps;
import io.faultline.mapreduce.app.MrApp;
import io.faultline.mapreduce.rpc.MrTransport;
import io.faultline.mapreduce.rpc.Transports;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs a MapReduce worker with app NAME in the current directory until the job is done.",
                "Finds the coordinator through mr-coordinator.addr unless --coordinator is given.",
                "Exit: 0 job done (or the coordinator went away after the worker had reached it),",
                "2 bad usage (e.g. an unknown app), 3 error (coordinator unreachable, malformed reply, I/O)."})
public final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--app", required = true, paramLabel = "NAME",
            description = "wc, indexer, mtiming, rtiming, jobcount, early_exit, crash, nocrash, or an MrApp class name.")
    String appName;

    @Option(names = "--coordinator", paramLabel = "HOST:PORT", description = "Coordinator address (default: read mr-coordinator.addr).")
    String coordinator;

    @Option(names = "--connect-timeout-ms", description = "Give up if the coordinator cannot be reached for this long (default ${DEFAULT-VALUE}).",
            defaultValue = "30000")
    long connectTimeoutMs;

    @Override
    public Integer call() {
        return CliSupport.guarded("worker", () -> {
            AppContext ctx = AppContext.forThisProcess();
            MrApp app = Apps.load(appName, ctx);
            CoordinatorAddress addr = coordinator == null ? null : CoordinatorAddress.parse(coordinator);
            Worker.Options d = Worker.Options.defaults(ctx.workDir(), addr);
            Worker.Options o = new Worker.Options(d.workDir(), d.coordinator(), connectTimeoutMs, d.rpcTimeoutMs(),
                    d.goneAfterFailures(), d.retryPauseMs(), d.waitMsMax());
            try (MrTransport t = Transports.create()) {
                new Worker(o, app, System.err).run(t);
            }
            return MrCommand.EXIT_OK;
        });
    }
}
