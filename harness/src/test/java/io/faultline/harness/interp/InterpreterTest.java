package io.faultline.harness.interp;

import static io.faultline.harness.gen.Generators.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import io.faultline.faults.Nemesis;
import io.faultline.harness.Client;
import io.faultline.harness.ClientFactory;
import io.faultline.harness.Completion;
import io.faultline.harness.gen.Context;
import io.faultline.harness.gen.Generator;
import io.faultline.harness.gen.Invocation;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The interpreter on real threads ({@link LocalEnv}) against scripted clients and a fake nemesis. */
class InterpreterTest {
    static final List<String> NODES = List.of("n1", "n2", "n3");

    /** Opens clients that run {@code body}; counts opens and closes, remembers the node each open asked for. */
    static final class Clients implements ClientFactory {
        interface Body {
            Completion invoke(Invocation op, int call) throws Exception;
        }

        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final List<String> opens = new CopyOnWriteArrayList<>();
        final Body body;

        Clients(Body body) {
            this.body = body;
        }

        @Override
        public Client open(int thread, String node) {
            opened.incrementAndGet();
            opens.add(thread + "@" + node);
            AtomicBoolean once = new AtomicBoolean();
            return new Client() {
                @Override
                public Completion invoke(Invocation op) throws Exception {
                    return body.invoke(op, calls.getAndIncrement());
                }

                @Override
                public void close() {
                    if (once.compareAndSet(false, true)) {
                        closed.incrementAndGet();
                    }
                }
            };
        }
    }

    static HistoryRecorder recorder() {
        return new HistoryRecorder(new StringWriter(), "memory", true);
    }

    static Interpreter.Options options(int concurrency) {
        return Interpreter.Options.defaults(concurrency).withLog(line -> { });
    }

    static Interpreter interpreter(Clients clients, Nemesis nemesis, HistoryRecorder rec, Interpreter.Options o) {
        return new Interpreter(new LocalEnv(), clients, nemesis, rec, new Rng(7), NODES, o);
    }

    @Test
    void recordsEachInvocationBeforeTheCallAndEachCompletionAfterIt() throws Exception {
        HistoryRecorder rec = recorder();
        List<String> violations = new CopyOnWriteArrayList<>();
        Clients clients = new Clients((op, call) -> {
            List<Op> ops = rec.ops();
            Op last = null;
            for (Op o : ops) {
                if (o.process().equals(op.process())) {
                    last = o;
                }
            }
            if (last == null || last.type() != OpType.INVOKE) {
                violations.add("call for process " + op.process() + " before its invocation was recorded");
            }
            return Completion.ok(call);
        });
        Interpreter.Result r = interpreter(clients, null, rec, options(4)).run(clients(limit(200, repeat(op("w", 1)))));
        assertEquals(List.of(), violations);
        List<Op> ops = rec.ops();
        assertEquals(400, ops.size());
        assertEquals(200, r.ok());
        assertEquals(200, r.invocations());
        long lastTime = 0;
        for (int i = 0; i < ops.size(); i++) {
            Op o = ops.get(i);
            assertEquals(i, o.index());
            assertTrue(o.timeNs() >= lastTime, "time is monotonic");
            lastTime = o.timeNs();
            assertEquals(NODES.get((int) ((Long) o.process() % 4 % 3)), o.node(), "thread t prefers node t mod N");
        }
        History h = new History(ops);
        assertEquals(200, h.operations().size());
        assertEquals(4, clients.opened.get());
        assertEquals(4, clients.closed.get(), "every client is closed at the end");
        assertEquals(Set.of("0@n1", "1@n2", "2@n3", "3@n1"), Set.copyOf(clients.opens));
    }

    @Test
    void anExceptionIsInfoAndTheThreadContinuesAsANewProcessWithAFreshClient() throws Exception {
        HistoryRecorder rec = recorder();
        Clients clients = new Clients((op, call) -> {
            if (call == 2) {
                throw new IllegalStateException("connection reset");
            }
            return call == 3 ? Completion.info(op.value(), "deadline passed") : Completion.ok(op.value());
        });
        Interpreter.Result r = interpreter(clients, null, rec, options(1)).run(clients(limit(5, repeat(op("w", 1)))));
        List<Op> done = rec.ops().stream().filter(o -> o.type() != OpType.INVOKE).toList();
        assertEquals(List.of(OpType.OK, OpType.OK, OpType.INFO, OpType.INFO, OpType.OK), done.stream().map(Op::type).toList());
        assertEquals("IllegalStateException: connection reset", done.get(2).error());
        assertEquals("deadline passed", done.get(3).error());
        assertEquals(List.of(0L, 0L, 0L, 1L, 2L), done.stream().map(Op::process).toList());
        assertEquals(2, r.info());
        assertEquals(3, clients.opened.get(), "a fresh client after each info, thrown or returned");
        assertEquals(3, clients.closed.get());
    }

    @Test
    void aCallThatOutlivesTheTimeoutIsInfoAndItsLateCompletionIsNeverRecorded() throws Exception {
        HistoryRecorder rec = recorder();
        CountDownLatch stuckReturned = new CountDownLatch(1);
        AtomicBoolean stuckStarted = new AtomicBoolean();
        Clients clients = new Clients((op, call) -> {
            if (op.process().equals(0L)) {
                stuckStarted.set(true);
                try {
                    Thread.sleep(1_500);
                } finally {
                    stuckReturned.countDown();
                }
            }
            return Completion.ok(op.value());
        });
        long t0 = System.nanoTime();
        Interpreter.Result r = interpreter(clients, null, rec, options(1).withOpTimeoutMs(300))
                .run(clients(limit(3, repeat(op("w", 1)))));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(tookMs < 1_200, "the run did not wait for the stuck call: " + tookMs + " ms");
        assertEquals(1, r.timeouts());
        List<Op> ops = rec.ops();
        assertEquals(6, ops.size());
        assertEquals(OpType.INFO, ops.get(1).type());
        assertTrue(String.valueOf(ops.get(1).error()).startsWith("timeout"), String.valueOf(ops.get(1).error()));
        assertTrue(ops.get(1).timeNs() >= 300_000_000L, "not before the timeout");
        assertEquals(List.of(0L, 0L, 1L, 1L, 1L, 1L), ops.stream().map(Op::process).toList());
        // On a loaded machine the first worker may not have begun the call before the timeout: then it never makes it.
        if (stuckStarted.get()) {
            assertTrue(stuckReturned.await(5, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertEquals(2, clients.opened.get());
        }
        assertEquals(6, rec.ops().size(), "the abandoned call's completion was not recorded");
        assertEquals(clients.opened.get(), clients.closed.get(), "the abandoned client is closed too");
    }

    @Test
    void nemesisOpsGoToTheNemesisAndItsErrorsAreInfo() throws Exception {
        HistoryRecorder rec = recorder();
        AtomicBoolean healed = new AtomicBoolean();
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Nemesis nemesis = new Nemesis() {
            @Override
            public Set<String> fs() {
                return Set.of("start", "boom");
            }

            @Override
            public Object invoke(String f, Object value) {
                threads.add(Thread.currentThread().getName());
                if (f.equals("boom")) {
                    throw new IllegalArgumentException("no such grudge");
                }
                return "did " + value;
            }

            @Override
            public void healAll() {
                healed.set(true);
            }

            @Override
            public void close() {
            }
        };
        Clients clients = new Clients((op, call) -> Completion.ok(op.value()));
        Generator nem = concat(op("start", "x"), op("boom", null), op("heal-all", null));
        interpreter(clients, nemesis, rec, options(2)).run(clients(limit(5, repeat(op("w", 1))), nem));
        List<Op> nemOps = rec.ops().stream().filter(o -> !o.isClient()).toList();
        assertEquals(6, nemOps.size());
        assertTrue(nemOps.stream().allMatch(o -> o.process().equals(Context.NEMESIS) && o.node() == null));
        List<Op> done = nemOps.stream().filter(o -> o.type() != OpType.INVOKE).toList();
        assertEquals("did x", done.get(0).value());
        assertEquals(OpType.INFO, done.get(1).type());
        assertEquals("IllegalArgumentException: no such grudge", done.get(1).error());
        assertEquals(OpType.OK, done.get(2).type());
        assertTrue(healed.get(), "heal-all calls healAll");
        assertTrue(threads.stream().allMatch(n -> n.equals("faultline-nemesis")), "nemesis calls run on the nemesis worker");
        assertEquals(5, rec.ops().stream().filter(o -> o.isClient() && o.type() == OpType.OK).count());
    }

    @Test
    void stopEndsAnEndlessRunPromptlyWithEveryOpCompleted() throws Exception {
        HistoryRecorder rec = recorder();
        Clients clients = new Clients((op, call) -> {
            Thread.sleep(1);
            return Completion.ok(op.value());
        });
        Interpreter in = interpreter(clients, null, rec, options(3));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            in.stop();
        });
        stopper.start();
        long t0 = System.nanoTime();
        Interpreter.Result r = in.run(clients(repeat(op("w", 1))));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.stopped());
        assertTrue(tookMs < 3_000, "stopped within " + tookMs + " ms");
        assertTrue(r.invocations() > 10);
        assertEquals(r.invocations(), r.completions(), "no op left open");
        History h = new History(rec.ops());
        assertTrue(h.operations().stream().allMatch(o -> o.completion() != null));
        assertEquals(clients.opened.get(), clients.closed.get());
    }

    @Test
    void theHardDeadlineAbandonsStuckCallsAsInfoAndClosesTheirClients() throws Exception {
        HistoryRecorder rec = recorder();
        CountDownLatch never = new CountDownLatch(1);
        Clients clients = new Clients((op, call) -> {
            never.await(10, TimeUnit.SECONDS);
            return Completion.ok(op.value());
        });
        LocalEnv env = new LocalEnv();
        Interpreter in = new Interpreter(env, clients, null, rec, new Rng(1), NODES,
                options(2).withHardDeadlineNs(env.nowNanos() + 400_000_000L).withStopGraceMs(100));
        long t0 = System.nanoTime();
        Interpreter.Result r = in.run(clients(repeat(op("w", 1))));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        never.countDown();
        assertTrue(r.stopped());
        assertTrue(tookMs < 2_000, "took " + tookMs + " ms");
        List<Op> done = rec.ops().stream().filter(o -> o.type() != OpType.INVOKE).toList();
        assertEquals(2, done.size());
        assertTrue(done.stream().allMatch(o -> o.type() == OpType.INFO
                && o.error().equals("interpreter stopped before the op completed")));
        assertTrue(clients.opened.get() > 0, "the calls began");
        assertEquals(clients.opened.get(), clients.closed.get(), "stuck clients are closed at the end");
    }

    @Test
    void opsWaitUntilTheirTime() throws Exception {
        HistoryRecorder rec = recorder();
        Clients clients = new Clients((op, call) -> Completion.ok(op.value()));
        // Each op carries the time it was scheduled for as its value.
        Generator g = map(i -> new Invocation(i.timeNs(), i.process(), i.f(), i.timeNs()),
                limit(3, delay(60_000_000L, repeat(op("w", null)))));
        interpreter(clients, null, rec, options(3)).run(clients(g));
        List<Op> inv = rec.ops().stream().filter(o -> o.type() == OpType.INVOKE).toList();
        assertEquals(3, inv.size());
        for (int i = 0; i < 3; i++) {
            long scheduled = (Long) inv.get(i).value();
            assertTrue(inv.get(i).timeNs() >= scheduled, "op " + i + " recorded before its time");
            if (i > 0) {
                long gap = scheduled - (Long) inv.get(i - 1).value();
                assertTrue(gap >= 60_000_000L, "scheduled " + gap + " ns after the previous op"); // more only if the loop was late
            }
        }
    }

    @Test
    void aStuckNemesisCallTimesOutAndTheNemesisContinuesOnANewWorker() throws Exception {
        HistoryRecorder rec = recorder();
        AtomicInteger calls = new AtomicInteger();
        Nemesis slow = new Nemesis() {
            @Override
            public Set<String> fs() {
                return Set.of("kill");
            }

            @Override
            public Object invoke(String f, Object value) throws Exception {
                calls.incrementAndGet();
                if (value.equals("n1")) {
                    Thread.sleep(1_500);
                }
                return value;
            }

            @Override
            public void healAll() {
            }

            @Override
            public void close() {
            }
        };
        Clients clients = new Clients((op, call) -> Completion.ok(op.value()));
        Interpreter.Result r = interpreter(clients, slow, rec, options(1).withNemesisTimeoutMs(300))
                .run(nemesis(concat(op("kill", "n1"), op("kill", "n2"))));
        List<Op> done = rec.ops().stream().filter(o -> o.type() != OpType.INVOKE).toList();
        assertEquals(List.of(OpType.INFO, OpType.OK), done.stream().map(Op::type).toList());
        assertTrue(String.valueOf(done.get(0).error()).startsWith("timeout"));
        assertEquals("n2", done.get(1).value());
        assertTrue(rec.ops().stream().allMatch(o -> o.process().equals(Context.NEMESIS)));
        assertEquals(1, r.timeouts());
    }

    @Test
    void aGeneratorThatEmitsForABusyProcessFailsTheRunAndClientsAreStillClosed() {
        HistoryRecorder rec = recorder();
        Clients clients = new Clients((op, call) -> {
            Thread.sleep(50);
            return Completion.ok(op.value());
        });
        Generator broken = new Generator() {
            @Override
            public io.faultline.harness.gen.Step op(Context ctx) {
                return io.faultline.harness.gen.Step.emit(new Invocation(ctx.nowNs(), 0L, "w", null), this);
            }
        };
        io.faultline.core.Check.CheckFailure e = org.junit.jupiter.api.Assertions.assertThrows(
                io.faultline.core.Check.CheckFailure.class, () -> interpreter(clients, null, rec, options(2)).run(broken));
        assertTrue(e.getMessage().contains("busy process 0"), e.getMessage());
        assertEquals(1, rec.ops().size(), "only the first invocation was recorded");
        assertEquals(clients.opened.get(), clients.closed.get());
    }

    @Test
    void tooManyStuckCallsFailTheRunInsteadOfLeakingThreads() {
        HistoryRecorder rec = recorder();
        CountDownLatch release = new CountDownLatch(1);
        Clients clients = new Clients((op, call) -> {
            release.await(10, TimeUnit.SECONDS);
            return Completion.ok(op.value());
        });
        try {
            io.faultline.core.Check.CheckFailure e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.faultline.core.Check.CheckFailure.class, () -> interpreter(clients, null, rec,
                            options(1).withOpTimeoutMs(20).withAbandonedWorkersMax(2).withStopGraceMs(0))
                            .run(clients(repeat(op("w", 1)))));
            assertTrue(e.getMessage().contains("abandonedWorkersMax 2"), e.getMessage());
        } finally {
            release.countDown();
        }
    }

    @Test
    void logOpsGoToTheLogAndNotToTheHistory() throws Exception {
        HistoryRecorder rec = recorder();
        List<String> lines = new CopyOnWriteArrayList<>();
        Clients clients = new Clients((op, call) -> Completion.ok(op.value()));
        interpreter(clients, null, rec, options(1).withLog(lines::add))
                .run(clients(concat(log("phase one"), op("w", 1))));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).endsWith("phase one"), lines.get(0));
        assertEquals(2, rec.ops().size());
    }

    @Test
    void aClientThatCannotBeOpenedFailsItsOpsWithTheReason() throws Exception {
        HistoryRecorder rec = recorder();
        ClientFactory broken = (thread, node) -> {
            throw new java.net.ConnectException("refused");
        };
        new Interpreter(new LocalEnv(), broken, null, rec, new Rng(1), NODES, options(1))
                .run(clients(limit(2, repeat(op("w", 1)))));
        List<Op> done = rec.ops().stream().filter(o -> o.type() != OpType.INVOKE).toList();
        assertEquals(2, done.size());
        assertTrue(done.stream().allMatch(o -> o.type() == OpType.FAIL
                && o.error().equals("client open failed: ConnectException: refused")));
        assertEquals(1, done.get(0).value());
    }
}
