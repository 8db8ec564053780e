package io.faultline.mapreduce;

import io.faultline.core.Check;
import io.faultline.core.codec.CodecException;
import io.faultline.mapreduce.core.Assignment;
import io.faultline.mapreduce.core.Scheduler;
import io.faultline.mapreduce.core.SchedulerConfig;
import io.faultline.mapreduce.core.TaskKind;
import io.faultline.mapreduce.rpc.Messages;
import io.faultline.mapreduce.rpc.MrServer;
import io.faultline.mapreduce.rpc.MrTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The coordinator process: the {@link Scheduler} behind an RPC server. Requests are served one at a
 * time under a lock; the scheduler gets the monotonic time in milliseconds. Once every task is done
 * it keeps answering {@code Exit} for {@code exitGraceMs} (so waiting workers learn that the job is
 * over), then removes its address file and returns. It returns only after all output is final.
 */
public final class Coordinator {
    /** Options of one coordinator run. */
    /**
     * @param unsafeEarlyExit a deliberately broken variant, for proving the early-exit test: exit as
     *                        soon as every task has been handed out, before the output is final
     */
    public record Options(Path workDir, List<String> inputFiles, int reduceCount, String host, int port,
                          long taskTimeoutMs, long exitGraceMs, long pollMs, boolean unsafeEarlyExit) {
        public Options {
            Check.notNull(workDir, "workDir");
            Check.inRange(exitGraceMs, 0, 60_000, "exitGraceMs");
            Check.inRange(pollMs, 1, 10_000, "pollMs");
        }

        public static Options defaults(Path workDir, List<String> inputFiles, int reduceCount) {
            return new Options(workDir, inputFiles, reduceCount, "127.0.0.1", 0,
                    SchedulerConfig.DEFAULT_TASK_TIMEOUT_MS, 1000, 100, false);
        }
    }

    private final Options options;
    private final Scheduler scheduler;
    private final PrintStream log;
    private final long startNanos = System.nanoTime();
    private long requestsMalformed;

    public Coordinator(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
        for (String f : options.inputFiles()) {
            if (!Files.isRegularFile(options.workDir().resolve(f))) {
                throw new UsageException("input file " + f + " does not exist (in " + options.workDir() + ")");
            }
        }
        if (options.reduceCount() < 1 || options.reduceCount() > SchedulerConfig.REDUCE_TASKS_MAX) {
            throw new UsageException("--reduce " + options.reduceCount() + " is outside 1.." + SchedulerConfig.REDUCE_TASKS_MAX);
        }
        if (options.inputFiles().isEmpty()) {
            throw new UsageException("no input files");
        }
        this.scheduler = new Scheduler(new SchedulerConfig(options.inputFiles(), options.reduceCount(),
                options.taskTimeoutMs(), SchedulerConfig.DEFAULT_WORKER_WAIT_MS));
    }

    /** Serves until the job is done and the grace period is over. */
    public void run(MrTransport transport) throws IOException, InterruptedException {
        Path addrFile = options.workDir().resolve(CoordinatorAddress.FILE_NAME);
        try (MrServer server = transport.listen(options.host(), options.port(), this::handle)) {
            CoordinatorAddress addr = new CoordinatorAddress(options.host(), server.port());
            addr.writeFile(addrFile);
            log.printf("coordinator: listening on %s; %d map tasks, %d reduce tasks%n",
                    addr, options.inputFiles().size(), options.reduceCount());
            while (!isDone()) {
                Thread.sleep(options.pollMs());
            }
            if (options.unsafeEarlyExit() && !isJobDone()) {
                log.printf("coordinator: --unsafe-early-exit: exiting before the output is final%n");
                return;
            }
            log.printf("coordinator: all output final after %d ms (%s); exiting in %d ms%n",
                    elapsedMs(), counters(), options.exitGraceMs());
            Thread.sleep(options.exitGraceMs());
        } finally {
            Files.deleteIfExists(addrFile);
        }
    }

    private synchronized boolean isDone() {
        return scheduler.done() || (options.unsafeEarlyExit() && scheduler.allAssigned());
    }

    private synchronized boolean isJobDone() {
        return scheduler.done();
    }

    private synchronized String counters() {
        return scheduler.reassignedCount() + " tasks reassigned after a timeout, " + scheduler.resentCount()
                + " lost assignments resent";
    }

    /** One request, serialized with every other: the scheduler is single-threaded. */
    synchronized byte[] handle(String service, byte[] request) {
        try {
            switch (service) {
                case Messages.GET_TASK -> {
                    long workerPid = Messages.decodeGetTask(request);
                    Assignment a = scheduler.assign(workerPid, elapsedMs());
                    if (a instanceof Assignment.MapTask || a instanceof Assignment.ReduceTask) {
                        log.printf("coordinator: %d ms: %s to pid %d%n", elapsedMs(), a, workerPid);
                    }
                    return Messages.encodeAssignment(a);
                }
                case Messages.TASK_DONE -> {
                    Messages.Done d = Messages.decodeDone(request);
                    Scheduler.Report r = scheduler.complete(d.kind(), d.taskId(), d.attempt());
                    log.printf("coordinator: %s task %d attempt %d from pid %d: %s (%d/%d maps, %d/%d reduces)%n",
                            d.kind(), d.taskId(), d.attempt(), d.workerPid(), r,
                            scheduler.doneCount(TaskKind.MAP), options.inputFiles().size(),
                            scheduler.doneCount(TaskKind.REDUCE), options.reduceCount());
                    return Messages.encodeReport(r);
                }
                default -> {
                    requestsMalformed++;
                    log.printf("coordinator: request for unknown service '%s' ignored%n", service);
                    return null;
                }
            }
        } catch (CodecException e) {
            requestsMalformed++;
            log.printf("coordinator: malformed %s request ignored: %s%n", service, e.getMessage());
            return null;
        }
    }

    private long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public synchronized long requestsMalformed() {
        return requestsMalformed;
    }
}
