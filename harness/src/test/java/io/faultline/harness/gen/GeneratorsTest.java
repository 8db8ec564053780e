package io.faultline.harness.gen;

import static io.faultline.harness.gen.Generators.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Check;
import io.faultline.harness.Completion;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each combinator's behaviour, asserted exactly in virtual time with {@link GeneratorSim} (no threads). */
class GeneratorsTest {
    static final long MS = 1_000_000L;

    static GeneratorSim.Result sim(Generator g, int concurrency, long latencyNs) {
        GeneratorSim.Result r = GeneratorSim.run(g, concurrency, 42, latencyNs);
        new History(r.history()); // pairs: no process invoked twice, no stray completion
        assertTrue(!r.truncated(), "the run hit a limit");
        return r;
    }

    static List<Long> times(List<Op> ops) {
        return ops.stream().map(Op::timeNs).toList();
    }

    static List<String> fs(List<Op> ops) {
        return ops.stream().map(Op::f).toList();
    }

    static Generator rep(String f) {
        return repeat(op(f, null));
    }

    @Test
    void opEmitsOnceOnAClientThreadAsSoonAsPossible() {
        GeneratorSim.Result r = sim(op("read", 7), 3, 10 * MS);
        assertEquals(2, r.history().size());
        Op inv = r.history().get(0);
        assertEquals(OpType.INVOKE, inv.type());
        assertEquals(0, inv.timeNs());
        assertTrue(Set.of(0L, 1L, 2L).contains(inv.process()), "a client process: " + inv.process());
        assertEquals(7, r.history().get(1).value());
        assertEquals(10 * MS, r.history().get(1).timeNs());
    }

    @Test
    void limitOfRepeatFillsEveryFreeThreadAndStopsAtTheCount() {
        GeneratorSim.Result r = sim(clients(limit(5, rep("w"))), 2, 10 * MS);
        assertEquals(List.of(0L, 0L, 10 * MS, 10 * MS, 20 * MS), times(r.invocations()));
        assertEquals(5, r.completions().size());
        assertEquals(30 * MS, r.endNs());
        assertEquals(3, repeatCount(sim(clients(repeat(3, op("w", null))), 4, MS)));
        assertEquals(1, repeatCount(sim(clients(once(rep("w"))), 4, MS)));
    }

    private static int repeatCount(GeneratorSim.Result r) {
        return r.invocations().size();
    }

    @Test
    void timeLimitEmitsNothingAtOrAfterItsCutoff() {
        GeneratorSim.Result r = sim(timeLimit(100 * MS, clients(rep("w"))), 1, 10 * MS);
        assertEquals(10, r.invocations().size());
        assertEquals(90 * MS, r.invocations().get(9).timeNs());
        // The cutoff counts from the moment the time limit is first asked (here after a 25 ms first phase).
        GeneratorSim.Result p = sim(phases(clients(op("a", null)), timeLimit(50 * MS, clients(rep("w")))), 1, 25 * MS);
        assertEquals(List.of(0L, 25 * MS, 50 * MS), times(p.invocations()));
    }

    @Test
    void delaySpacesOpsByExactlyItsInterval() {
        GeneratorSim.Result r = sim(clients(limit(4, delay(20 * MS, rep("w")))), 4, MS);
        assertEquals(List.of(0L, 20 * MS, 40 * MS, 60 * MS), times(r.invocations()));
        // Busy threads hold ops back, and the next gap then counts from the late op: no burst afterwards.
        GeneratorSim.Result slow = sim(clients(limit(3, delay(5 * MS, rep("w")))), 1, 20 * MS);
        assertEquals(List.of(0L, 20 * MS, 40 * MS), times(slow.invocations()));
    }

    @Test
    void staggerGapsAreRandomBelowTwiceTheMeanAndAverageIt() {
        GeneratorSim.Result r = sim(clients(limit(2001, stagger(10 * MS, rep("w")))), 50, 0);
        List<Long> t = times(r.invocations());
        long max = 0;
        Set<Long> distinct = new TreeSet<>();
        for (int i = 1; i < t.size(); i++) {
            long gap = t.get(i) - t.get(i - 1);
            assertTrue(gap >= 0 && gap < 20 * MS, "gap " + gap);
            max = Math.max(max, gap);
            distinct.add(gap);
        }
        double mean = (t.get(t.size() - 1) - t.get(0)) / 2000.0;
        assertTrue(Math.abs(mean - 10 * MS) < 0.5 * MS, "mean gap " + mean);
        assertTrue(distinct.size() > 1000, "gaps look random: " + distinct.size() + " distinct");
        // A pure function of the seed.
        assertEquals(r.history(), sim(clients(limit(2001, stagger(10 * MS, rep("w")))), 50, 0).history());
        GeneratorSim.Result other = GeneratorSim.run(clients(limit(2001, stagger(10 * MS, rep("w")))), 50, 43, 0);
        assertNotEquals(r.history(), other.history());
    }

    @Test
    void mixDrawsFromEveryGeneratorUntilAllAreExhausted() {
        GeneratorSim.Result r = sim(clients(mix(limit(50, rep("a")), limit(50, rep("b")))), 3, MS);
        List<String> f = fs(r.invocations());
        assertEquals(100, f.size());
        assertEquals(50, f.stream().filter("a"::equals).count());
        assertTrue(f.subList(0, 50).contains("a") && f.subList(0, 50).contains("b"), "interleaved: " + f);
    }

    @Test
    void phasesWaitForEveryThreadButConcatDoesNot() {
        GeneratorSim.Options o = GeneratorSim.Options.of(3, 1, 0)
                .withLatency((op, rng) -> 10 * MS * (1 + (Long) op.process() % 3));
        Generator first = limit(3, rep("a"));
        GeneratorSim.Result ph = GeneratorSim.run(clients(phases(first, op("b", null))), o);
        assertEquals("b", ph.invocations().get(3).f());
        assertEquals(30 * MS, ph.invocations().get(3).timeNs());
        GeneratorSim.Result th = GeneratorSim.run(clients(then(first, op("b", null))), o);
        assertEquals(30 * MS, th.invocations().get(3).timeNs());
        GeneratorSim.Result cc = GeneratorSim.run(clients(concat(first, op("b", null))), o);
        assertEquals(10 * MS, cc.invocations().get(3).timeNs());
    }

    @Test
    void sleepWaitsFromWhenItIsReached() {
        GeneratorSim.Result r = sim(clients(phases(op("a", null), sleep(50 * MS), op("b", null))), 2, 10 * MS);
        assertEquals(List.of(0L, 60 * MS), times(r.invocations()));
    }

    @Test
    void eachThreadGivesEveryThreadItsOwnCopy() {
        GeneratorSim.Result r = sim(clients(eachThread(limit(2, rep("w")))), 3, 10 * MS);
        assertEquals(6, r.invocations().size());
        for (long p = 0; p < 3; p++) {
            long q = p;
            assertEquals(2, r.invocations().stream().filter(o -> o.process().equals(q)).count());
        }
        // At the top level the nemesis thread is a thread too: it gets its own copy.
        Set<Object> ps = sim(eachThread(op("w", null)), 2, MS).invocations().stream().map(Op::process)
                .collect(Collectors.toSet());
        assertEquals(Set.of(0L, 1L, Context.NEMESIS), ps);
    }

    @Test
    void reserveRoutesTheFirstThreadsToOneGeneratorAndTheRestToTheOther() {
        GeneratorSim.Result r = sim(clients(reserve(2, limit(40, rep("a")), limit(60, rep("b")))), 5, MS);
        for (Op o : r.invocations()) {
            long p = (Long) o.process();
            assertEquals(p < 2 ? "a" : "b", o.f(), "process " + p);
        }
        assertEquals(100, r.invocations().size());
    }

    @Test
    void clientsAndNemesisRouteToTheirThreads() {
        Generator nem = limit(3, delay(30 * MS, repeat(op("start-partition", "majority"))));
        GeneratorSim.Result r = sim(timeLimit(100 * MS, clients(stagger(MS, rep("read")), nem)), 4, 5 * MS);
        List<Op> nemOps = r.invocations().stream().filter(o -> !o.isClient()).toList();
        assertEquals(List.of(0L, 30 * MS, 60 * MS), times(nemOps));
        assertTrue(nemOps.stream().allMatch(o -> o.process().equals(Context.NEMESIS) && o.f().equals("start-partition")));
        assertTrue(r.invocations().stream().filter(Op::isClient).allMatch(o -> o.f().equals("read")));
        assertTrue(r.invocations().stream().filter(Op::isClient).count() > 50);
        // An unwrapped op never goes to the nemesis when client threads exist; nemesis(...) alone reaches it.
        assertEquals(Context.NEMESIS, sim(nemesis(op("kill", null)), 3, MS).invocations().get(0).process());
    }

    @Test
    void untilOkStopsAfterTheFirstOkOfItsOwnOps() {
        GeneratorSim.Options o = GeneratorSim.Options.of(1, 1, MS)
                .withOutcome((op, n) -> n < 4 ? Completion.fail(op.value(), "busy") : Completion.ok(op.value()));
        GeneratorSim.Result r = GeneratorSim.run(clients(untilOk(rep("try"))), o);
        assertEquals(5, r.invocations().size());
        assertEquals(OpType.OK, r.history().get(r.history().size() - 1).type());
        // With three threads the ops in flight when the ok arrives still complete, and nothing new starts.
        GeneratorSim.Result r3 = GeneratorSim.run(clients(untilOk(rep("try"))), GeneratorSim.Options.of(3, 1, MS)
                .withOutcome((op, n) -> n == 4 ? Completion.ok(op.value()) : Completion.fail(op.value(), "busy")));
        assertEquals(6, r3.invocations().size()); // 0-2, 3-5 (ok is #4 in the second round)
    }

    @Test
    void flipFlopAlternates() {
        GeneratorSim.Result r = sim(clients(limit(6, flipFlop(rep("start"), rep("stop")))), 1, MS);
        assertEquals(List.of("start", "stop", "start", "stop", "start", "stop"), fs(r.invocations()));
        // Exhausted when the generator whose turn it is has nothing left.
        assertEquals(List.of("start", "stop", "start", "stop"),
                fs(sim(clients(flipFlop(limit(2, rep("start")), rep("stop"))), 1, MS).invocations()));
    }

    @Test
    void cycleTimesSwitchesGeneratorsByTimeWindows() {
        // The delays go inside: an op a delay pushes past its window's end waits for that window's next turn.
        Generator g = timeLimit(300 * MS, clients(
                cycleTimes(100 * MS, delay(10 * MS, rep("a")), 50 * MS, delay(10 * MS, rep("b")))));
        GeneratorSim.Result r = sim(g, 1, MS);
        for (Op o : r.invocations()) {
            long t = o.timeNs() / MS;
            String expected = t < 100 || (t >= 150 && t < 250) ? "a" : "b";
            assertEquals(expected, o.f(), "op at " + t + " ms");
        }
        assertEquals(30, r.invocations().size());
    }

    @Test
    void logLinesAreNotOpsAndTakeNoThread() {
        GeneratorSim.Result r = sim(clients(concat(log("hello"), op("a", null), log("bye"))), 1, 5 * MS);
        assertEquals(List.of("0 hello", "0 bye"), r.log());
        assertEquals(2, r.history().size());
    }

    @Test
    void fnIsCalledPerOpUntilItReturnsNull() {
        Generator g = clients(fn(ctx -> ctx.nowNs() >= 30 * MS ? null
                : Invocation.of("write", ctx.rng().nextInt(100))));
        GeneratorSim.Result r = sim(g, 2, 10 * MS);
        assertEquals(List.of(0L, 0L, 10 * MS, 10 * MS, 20 * MS, 20 * MS), times(r.invocations()));
        assertTrue(r.invocations().stream().allMatch(o -> (Integer) o.value() < 100));
    }

    @Test
    void afterAnInfoTheThreadContinuesAsANewProcess() {
        GeneratorSim.Options o = GeneratorSim.Options.of(2, 1, MS)
                .withOutcome((op, n) -> n == 0 ? Completion.info(op.value(), "timeout") : Completion.ok(op.value()));
        GeneratorSim.Result r = GeneratorSim.run(clients(limit(4, rep("w"))), o);
        Object first = r.invocations().get(0).process();
        Set<Object> later = r.invocations().subList(2, 4).stream().map(Op::process).collect(Collectors.toSet());
        assertTrue(later.contains((Long) first + 2), "process " + first + " continues as " + ((Long) first + 2) + ": " + later);
        assertTrue(!later.contains(first));
    }

    @Test
    void anOpForABusyProcessIsHeldBackButABrokenGeneratorIsCaught() {
        // A template naming process 0 waits until process 0 is free.
        Generator twice = clients(concat(op(new Invocation(0, 0L, "a", null)), op(new Invocation(0, 0L, "b", null))));
        assertEquals(List.of(0L, 10 * MS), times(sim(twice, 3, 10 * MS).invocations()));
        // A generator that ignores the context and emits for a busy process fails the run.
        Generator broken = new Generator() {
            @Override
            public Step op(Context ctx) {
                return Step.emit(new Invocation(ctx.nowNs(), 0L, "w", null), this);
            }
        };
        Check.CheckFailure e = assertThrows(Check.CheckFailure.class, () -> GeneratorSim.run(broken, 2, 1, MS));
        assertTrue(e.getMessage().contains("busy process 0"), e.getMessage());
    }

    @Test
    void anyEmitsTheSoonestOp() {
        Generator g = clients(any(limit(2, delay(30 * MS, rep("slow"))), limit(3, delay(20 * MS, rep("fast")))));
        GeneratorSim.Result r = sim(g, 4, MS);
        assertEquals(List.of("slow", "fast", "fast", "slow", "fast"), fs(r.invocations()));
        assertEquals(List.of(0L, 0L, 20 * MS, 30 * MS, 40 * MS), times(r.invocations()));
    }

    @Test
    void cycleRunsTheWholeGeneratorAgain() {
        GeneratorSim.Result r = sim(clients(cycle(3, concat(op("a", null), op("b", null)))), 1, MS);
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), fs(r.invocations()));
    }

    @Test
    void repeatKeepsPendingStateAndCycleRestartsSleeps() {
        // A sleep inside repeat counts down once instead of restarting on every ask (which would never end).
        GeneratorSim.Result r = sim(clients(limit(3, repeat(concat(sleep(20 * MS), op("a", null))))), 1, MS);
        assertEquals(List.of(20 * MS, 21 * MS, 22 * MS), times(r.invocations()));
        // cycle runs the whole sequence again: a sleep before every op.
        GeneratorSim.Result c = sim(clients(cycle(3, concat(sleep(20 * MS), op("a", null)))), 1, MS);
        assertEquals(List.of(20 * MS, 40 * MS, 60 * MS), times(c.invocations())); // the next sleep starts at once
    }

    @Test
    void mapTransformsOps() {
        GeneratorSim.Result r = sim(clients(map(i -> new Invocation(i.timeNs(), i.process(), i.f() + "!", 1),
                limit(2, rep("w")))), 1, MS);
        assertEquals(List.of("w!", "w!"), fs(r.invocations()));
    }
}
