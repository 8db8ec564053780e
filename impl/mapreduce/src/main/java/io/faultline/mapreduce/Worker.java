package io.faultline.mapreduce;

import io.faultline.core.Check;
import io.faultline.core.codec.CodecException;
import io.faultline.mapreduce.app.MrApp;
import io.faultline.mapreduce.core.Assignment;
import io.faultline.mapreduce.core.TaskKind;
import io.faultline.mapreduce.io.TaskRunner;
import io.faultline.mapreduce.rpc.Messages;
import io.faultline.mapreduce.rpc.MrClient;
import io.faultline.mapreduce.rpc.MrTransport;
import io.faultline.mapreduce.rpc.RpcException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The worker process: asks the coordinator for a task, runs it, reports it, until told to exit.
 * Before it has ever reached the coordinator it keeps trying for {@code connectTimeoutMs} (then
 * fails: the coordinator is unreachable). Once it has, a coordinator that stops answering for
 * {@code goneAfterFailures} calls in a row is taken to be gone (it exits after the job is done), and
 * the worker exits normally.
 */
public final class Worker {
    /** How a worker run ended. */
    public enum Outcome {
        /** The coordinator said the job is done. */
        EXIT_TOLD,
        /** The coordinator went away after the worker had talked to it. */
        COORDINATOR_GONE
    }

    /** Options of one worker run; {@code coordinator} null means: read the address file in the working directory. */
    public record Options(Path workDir, CoordinatorAddress coordinator, long connectTimeoutMs, long rpcTimeoutMs,
                          int goneAfterFailures, long retryPauseMs, long waitMsMax) {
        public Options {
            Check.notNull(workDir, "workDir");
            Check.inRange(connectTimeoutMs, 0, 600_000, "connectTimeoutMs");
            Check.inRange(rpcTimeoutMs, 1, 600_000, "rpcTimeoutMs");
            Check.inRange(goneAfterFailures, 1, 100, "goneAfterFailures");
            Check.inRange(retryPauseMs, 1, 10_000, "retryPauseMs");
            Check.inRange(waitMsMax, 1, 60_000, "waitMsMax");
        }

        public static Options defaults(Path workDir, CoordinatorAddress coordinator) {
            return new Options(workDir, coordinator, 30_000, 10_000, 3, 250, 2_000);
        }
    }

    /** The coordinator sent something that does not decode: the worker stops (it may be restarted). */
    public static final class MalformedReplyException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedReplyException(String message) {
            super(message);
        }
    }

    private final Options options;
    private final MrApp app;
    private final PrintStream log;
    private final long pid = ProcessHandle.current().pid();
    private boolean everConnected;

    public Worker(Options options, MrApp app, PrintStream log) {
        this.options = options;
        this.app = app;
        this.log = log;
    }

    public Outcome run(MrTransport transport) throws IOException, InterruptedException {
        CoordinatorAddress addr = resolveAddress();
        TaskRunner runner = new TaskRunner(app, options.workDir());
        try (MrClient client = transport.client(addr.host(), addr.port())) {
            while (true) {
                byte[] reply = callWithRetry(client, addr, Messages.GET_TASK, Messages.encodeGetTask(pid));
                if (reply == null) {
                    return Outcome.COORDINATOR_GONE;
                }
                Assignment a = decode(reply);
                if (a instanceof Assignment.Exit) {
                    log.printf("worker %d: job done; exiting%n", pid);
                    return Outcome.EXIT_TOLD;
                }
                if (a instanceof Assignment.Wait w) {
                    Thread.sleep(Math.min(w.waitMs(), options.waitMsMax()));
                    continue;
                }
                long t0 = System.nanoTime();
                Messages.Done done = execute(runner, a);
                long t1 = System.nanoTime();
                byte[] ack = callWithRetry(client, addr, Messages.TASK_DONE, Messages.encodeDone(done));
                log.printf("worker %d: %s %d attempt %d done in %d ms (report %d ms)%n", pid, done.kind(), done.taskId(),
                        done.attempt(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
                if (ack == null) {
                    return Outcome.COORDINATOR_GONE;
                }
                try {
                    Messages.decodeReport(ack);
                } catch (CodecException e) {
                    throw new MalformedReplyException("malformed reply to " + Messages.TASK_DONE + " from " + addr + ": " + e.getMessage());
                }
            }
        }
    }

    private Messages.Done execute(TaskRunner runner, Assignment a) throws IOException {
        if (a instanceof Assignment.MapTask m) {
            runner.runMap(m.taskId(), m.fileName(), m.reduceCount());
            return new Messages.Done(TaskKind.MAP, m.taskId(), m.attempt(), pid);
        }
        Assignment.ReduceTask r = (Assignment.ReduceTask) a;
        runner.runReduce(r.taskId(), r.mapCount());
        return new Messages.Done(TaskKind.REDUCE, r.taskId(), r.attempt(), pid);
    }

    private static Assignment decode(byte[] reply) throws MalformedReplyException {
        try {
            return Messages.decodeAssignment(reply);
        } catch (CodecException e) {
            throw new MalformedReplyException("malformed reply to " + Messages.GET_TASK + ": " + e.getMessage());
        }
    }

    /**
     * The reply, or null when a coordinator this worker had reached stopped answering. Throws when
     * the coordinator was never reachable within the connect timeout.
     */
    private byte[] callWithRetry(MrClient client, CoordinatorAddress addr, String service, byte[] request)
            throws RpcException, InterruptedException {
        long deadlineNanos = System.nanoTime() + options.connectTimeoutMs() * 1_000_000L;
        int failures = 0;
        while (true) {
            try {
                byte[] reply = client.call(service, request, options.rpcTimeoutMs());
                everConnected = true;
                return reply;
            } catch (RpcException e) {
                failures++;
                if (everConnected && failures >= options.goneAfterFailures()) {
                    log.printf("worker %d: coordinator at %s is gone (%s); exiting%n", pid, addr, e.getMessage());
                    return null;
                }
                if (!everConnected && System.nanoTime() - deadlineNanos >= 0) {
                    throw new RpcException("cannot reach the coordinator at " + addr + " within "
                            + options.connectTimeoutMs() + " ms: " + e.getMessage());
                }
                Thread.sleep(options.retryPauseMs());
            }
        }
    }

    private CoordinatorAddress resolveAddress() throws IOException, InterruptedException {
        if (options.coordinator() != null) {
            return options.coordinator();
        }
        Path file = options.workDir().resolve(CoordinatorAddress.FILE_NAME);
        long deadlineNanos = System.nanoTime() + options.connectTimeoutMs() * 1_000_000L;
        while (true) {
            CoordinatorAddress a = CoordinatorAddress.readFile(file);
            if (a != null) {
                return a;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new RpcException("no coordinator: " + file + " did not appear within "
                        + options.connectTimeoutMs() + " ms (start 'faultline mr coordinator' in this directory, "
                        + "or pass --coordinator HOST:PORT)");
            }
            Thread.sleep(options.retryPauseMs());
        }
    }
}
