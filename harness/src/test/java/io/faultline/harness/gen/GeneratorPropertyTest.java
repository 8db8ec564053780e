package io.faultline.harness.gen;

import static io.faultline.harness.gen.Generators.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Rng;
import io.faultline.harness.Completion;
import io.faultline.histories.History;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Random combinator trees under {@link GeneratorSim} with random latencies and outcomes: no tree ever emits to a busy
 * or unknown process (the simulator fails the run if one does), histories pair up, time never runs backwards, the
 * outer wrapper's promise holds (no op at or past a time limit, delays respected, at most a limit of ops, a phase
 * starting only when every earlier op completed), and the run is a pure function of the seed.
 */
class GeneratorPropertyTest {
    static final long MS = 1_000_000L;

    @Test
    void randomTreesKeepTheirPromises() {
        long ops = 0;
        int busy = 0;
        int seeds = Integer.getInteger("faultline.genPropertySeeds", 300); // e.g. -Dfaultline.genPropertySeeds=5000 for a sweep
        for (int seed = 1; seed <= seeds; seed++) {
            int k = check(seed);
            ops += k;
            busy += k >= 10 ? 1 : 0;
        }
        // The trees are not vacuous: most of them emit many ops.
        System.out.println("GeneratorPropertyTest: " + ops + " invocations; " + busy + " of " + seeds + " trees emitted >= 10 ops");
        assertTrue(ops > 30L * seeds && busy > 0.3 * seeds, ops + " ops, " + busy + " busy trees");
    }

    private static int check(long seed) {
        Rng r = new Rng(seed * 7919);
        int concurrency = 1 + r.nextInt(6);
        Generator tree = tree(r, 3);
        int outer = r.nextInt(4);
        long dt = (1 + r.nextInt(20)) * MS;
        long n = 1 + r.nextInt(200);
        Generator g = switch (outer) {
            case 0 -> timeLimit(500 * MS, tree);
            case 1 -> timeLimit(2_000 * MS, delay(dt, tree));
            case 2 -> limit(n, timeLimit(1_000 * MS, tree));
            default -> phases(timeLimit(300 * MS, tree), nemesis(op("marker", null)));
        };
        GeneratorSim.Options o = GeneratorSim.Options.of(concurrency, seed, 0)
                .withLatency((op, rng) -> rng.nextLong(5 * MS))
                .withOutcome((op, k) -> switch ((int) ((k * 31 + seed) % 7)) {
                    case 0 -> Completion.info(op.value(), "timeout");
                    case 1 -> Completion.fail(op.value(), "no");
                    default -> Completion.ok(op.value());
                })
                .withLimits(10_000 * MS, 50_000);
        String where = "seed " + seed + " outer " + outer;
        GeneratorSim.Result res = GeneratorSim.run(g, o);
        assertTrue(!res.truncated(), where + ": did not end");
        new History(res.history());
        long last = 0;
        for (Op op : res.history()) {
            assertTrue(op.timeNs() >= last, where + ": time went backwards at " + op);
            last = op.timeNs();
        }
        List<Op> inv = res.invocations();
        switch (outer) {
            case 0 -> assertTrue(inv.stream().allMatch(x -> x.timeNs() < 500 * MS), where);
            case 1 -> {
                for (int i = 1; i < inv.size(); i++) {
                    assertTrue(inv.get(i).timeNs() - inv.get(i - 1).timeNs() >= dt, where + ": delay " + dt + " broken at " + i);
                }
            }
            case 2 -> assertTrue(inv.size() <= n, where + ": " + inv.size() + " > limit " + n);
            default -> {
                Op marker = inv.get(inv.size() - 1);
                assertEquals("marker", marker.f(), where);
                int at = res.history().indexOf(marker);
                Map<Object, Integer> open = new HashMap<>();
                for (Op x : res.history().subList(0, at)) {
                    open.merge(x.process(), x.type() == OpType.INVOKE ? 1 : -1, Integer::sum);
                }
                assertTrue(open.values().stream().allMatch(v -> v == 0), where + ": marker started while ops were open");
            }
        }
        assertEquals(res.history(), GeneratorSim.run(g, o).history(), where + ": not a function of the seed");
        return inv.size();
    }

    /** A random tree of depth at most {@code depth}; leaves are bounded or unbounded client ops. */
    static Generator tree(Rng r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return switch (r.nextInt(5)) {
                case 0 -> repeat(op("w", null));
                case 1 -> limit(1 + r.nextInt(30), fn(ctx -> Invocation.of("r", ctx.rng().nextInt(5))));
                case 2 -> op("once", null);
                case 3 -> sleep(r.nextInt(50) * MS);
                default -> concat(log("x"), limit(r.nextInt(10), repeat(op("l", null))));
            };
        }
        long dt = r.nextInt(30) * MS;
        return switch (r.nextInt(17)) {
            case 0 -> limit(r.nextInt(40), tree(r, depth - 1));
            case 1 -> timeLimit(r.nextInt(200) * MS, tree(r, depth - 1));
            case 2 -> stagger(dt, tree(r, depth - 1));
            case 3 -> delay(dt, tree(r, depth - 1));
            case 4 -> once(tree(r, depth - 1));
            case 5 -> untilOk(tree(r, depth - 1));
            case 6 -> clients(tree(r, depth - 1));
            case 7 -> eachThread(limit(1 + r.nextInt(5), tree(r, depth - 1)));
            case 8 -> reserve(r.nextInt(4), tree(r, depth - 1), tree(r, depth - 1));
            case 9 -> phases(tree(r, depth - 1), tree(r, depth - 1));
            case 10 -> mix(list(r, depth));
            case 11 -> any(list(r, depth));
            case 12 -> flipFlop(tree(r, depth - 1), tree(r, depth - 1));
            case 13 -> cycleTimes((1 + r.nextInt(50)) * MS, tree(r, depth - 1), (1 + r.nextInt(50)) * MS, tree(r, depth - 1));
            case 14 -> concat(list(r, depth));
            case 15 -> clients(tree(r, depth - 1), limit(3, delay(dt, repeat(op("nem", null)))));
            default -> cycle(1 + r.nextInt(3), limit(r.nextInt(5), tree(r, depth - 1)));
        };
    }

    private static List<Generator> list(Rng r, int depth) {
        List<Generator> gs = new ArrayList<>();
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
            gs.add(tree(r, depth - 1));
        }
        return gs;
    }
}
