package io.faultline.faults;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The nemesis of {@link NemesisPackages}: performs the ops of its packages on a backend, resolving
 * target specs into nodes when invoked, keeping what is active so {@link #healAll} can undo it,
 * and writing every change to the {@link FaultLog}. Used from one thread (the nemesis thread).
 */
final class PackageNemesis implements Nemesis {
    static final NemesisPackages.Sleeper THREAD_SLEEP = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));

    private final FaultBackend backend;
    private final FaultLog log;
    private final Rng rng;
    private final NemesisPackages.Sleeper sleeper;
    private final Set<String> fs = new TreeSet<>();
    private Grudges.Partition partition;
    private final Set<String> killed = new TreeSet<>();
    private final Set<String> paused = new TreeSet<>();
    private final Map<String, Long> clockOffsetsMs = new TreeMap<>();
    private final Map<String, Double> loss = new TreeMap<>();
    private final Map<String, Long> delaysMs = new TreeMap<>();

    PackageNemesis(List<NemesisPackage> packages, FaultBackend backend, FaultLog log, Rng rng,
                   NemesisPackages.Sleeper sleeper) {
        this.backend = Check.notNull(backend, "backend");
        this.log = Check.notNull(log, "log");
        this.rng = Check.notNull(rng, "rng");
        this.sleeper = Check.notNull(sleeper, "sleeper");
        for (NemesisPackage p : packages) {
            fs.addAll(p.fs());
        }
    }

    @Override
    public Set<String> fs() {
        return java.util.Collections.unmodifiableSet(fs);
    }

    @Override
    public Object invoke(String f, Object value) throws Exception {
        if (!fs.contains(f)) {
            throw new IllegalArgumentException("this nemesis does not do '" + f + "'; it does " + fs);
        }
        Map<String, Object> v = OpValues.asMap(value);
        switch (f) {
            case "start-partition":
                return startPartition(OpValues.target(v, "one"));
            case "stop-partition":
                return stopPartition();
            case "kill":
                return kill(OpValues.target(v, "one"));
            case "start":
                return restart(OpValues.target(v, "all"));
            case "pause":
                return pause(OpValues.target(v, "one"));
            case "resume":
                return resume(OpValues.target(v, "all"));
            case "bump-clock":
                return bumpClock(OpValues.target(v, "one"), OpValues.longParam(v, "deltaMs", 1_000));
            case "strobe-clock":
                return ClockStrobe.run(this, OpValues.target(v, "one"), OpValues.longParam(v, "deltaMs", 1_000),
                        OpValues.longParam(v, "periodMs", 50), OpValues.longParam(v, "durationMs", 2_000));
            case "reset-clock":
                return resetClock(OpValues.target(v, "all"));
            case "start-loss":
                return startLoss(OpValues.target(v, "one"), OpValues.doubleParam(v, "probability", 0.1));
            case "stop-loss":
                return stopLoss(OpValues.target(v, "all"));
            case "start-delay":
                return startDelay(OpValues.target(v, "one"), OpValues.longParam(v, "delayMs", 50));
            case "stop-delay":
                return stopDelay(OpValues.target(v, "all"));
            default:
                throw new IllegalStateException("unhandled f " + f);
        }
    }

    @Override
    public void healAll() throws Exception {
        List<Exception> errors = new ArrayList<>();
        attempt(errors, this::stopPartition);
        attempt(errors, () -> restart("all"));
        attempt(errors, () -> resume("all"));
        if (backend instanceof ClockFaults) {
            attempt(errors, () -> resetClock("all"));
        }
        if (backend instanceof LinkFaults) {
            attempt(errors, () -> stopLoss("all"));
            attempt(errors, () -> stopDelay("all"));
        }
        if (!errors.isEmpty()) {
            Exception first = errors.get(0);
            for (Exception e : errors.subList(1, errors.size())) {
                first.addSuppressed(e);
            }
            throw first;
        }
    }

    @Override
    public void close() {
        try {
            healAll();
        } catch (Exception e) {
            System.getLogger(PackageNemesis.class.getName()).log(System.Logger.Level.WARNING,
                    "nemesis: could not heal everything on close: " + e);
        }
    }

    /** Active faults as this nemesis believes them (for tests and diagnostics). */
    Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partition", partition == null ? null : partition.kind());
        m.put("killed", List.copyOf(killed));
        m.put("paused", List.copyOf(paused));
        m.put("clockOffsetsMs", new TreeMap<>(clockOffsetsMs));
        m.put("loss", new TreeMap<>(loss));
        m.put("delaysMs", new TreeMap<>(delaysMs));
        return m;
    }

    private Object startPartition(String kind) {
        String leader = kind.equals("leader") ? backend.leader() : null;
        Grudges.Partition p = Grudges.build(kind, backend.nodes(), leader, rng);
        backend.partition(p.grudge());
        partition = p;
        log.record("start", "partition", new ArrayList<>(p.grudge().dropsFrom().keySet()), p.toMap(), backend.mechanism("partition"));
        return p.toMap();
    }

    private Object stopPartition() {
        backend.partition(Grudge.none());
        String was = partition == null ? null : partition.kind();
        if (partition != null) {
            log.record("stop", "partition", List.of(), Map.of(), backend.mechanism("partition"));
        }
        partition = null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("healed", was);
        return out;
    }

    private Object kill(String spec) {
        Targets.Selection sel = select(spec);
        List<String> done = new ArrayList<>();
        List<String> wasPaused = new ArrayList<>();
        for (String n : sel.nodes()) {
            if (!killed.contains(n)) {
                process().kill(n);
                killed.add(n);
                if (paused.remove(n)) {
                    wasPaused.add(n);
                }
                done.add(n);
            }
        }
        // SIGKILL ends a pause too: close those pause periods before the kill opens its own
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("reason", "killed");
        recordIf("stop", "pause", wasPaused, why);
        recordIf("start", "kill", done, note(sel));
        return result(sel, "killed", done);
    }

    private Object restart(String spec) {
        List<String> done = new ArrayList<>();
        for (String n : chosenAmong(spec, killed)) {
            process().restart(n);
            killed.remove(n);
            done.add(n);
        }
        recordIf("stop", "kill", done, Map.of());
        return result(null, "restarted", done);
    }

    private Object pause(String spec) {
        Targets.Selection sel = select(spec);
        List<String> done = new ArrayList<>();
        for (String n : sel.nodes()) {
            if (!killed.contains(n) && !paused.contains(n)) {
                process().pause(n);
                paused.add(n);
                done.add(n);
            }
        }
        recordIf("start", "pause", done, note(sel));
        return result(sel, "paused", done);
    }

    private Object resume(String spec) {
        List<String> done = new ArrayList<>();
        for (String n : chosenAmong(spec, paused)) {
            process().resume(n);
            paused.remove(n);
            done.add(n);
        }
        recordIf("stop", "pause", done, Map.of());
        return result(null, "resumed", done);
    }

    private Object bumpClock(String spec, long deltaMs) {
        Check.that(Math.abs(deltaMs) <= NemesisPackage.BUMP_MS_MAX * 16, "clock bump %s ms is too large", deltaMs);
        Targets.Selection sel = select(spec);
        Map<String, Object> offsets = new TreeMap<>();
        for (String n : sel.nodes()) {
            long off = clockOffsetsMs.getOrDefault(n, 0L) + deltaMs;
            setClock(n, off);
            offsets.put(n, off);
        }
        Map<String, Object> detail = note(sel);
        detail.put("deltaMs", deltaMs);
        detail.put("offsetsMs", offsets);
        recordIf("start", "clock", sel.nodes(), detail);
        Map<String, Object> out = result(sel, "offsetsMs", null);
        out.put("offsetsMs", offsets);
        return out;
    }

    private Object resetClock(String spec) {
        List<String> done = new ArrayList<>();
        for (String n : chosenAmong(spec, clockOffsetsMs.keySet())) {
            setClock(n, 0);
            done.add(n);
        }
        recordIf("stop", "clock", done, Map.of());
        return result(null, "reset", done);
    }

    private Object startLoss(String spec, double probability) {
        Check.that(probability > 0 && probability <= 1, "loss probability must be in (0, 1], was %s", probability);
        return applyLinkFault(spec, "loss", "lossy", "probability", probability, loss, links()::setLoss);
    }

    /** Applies a loss or delay fault ({@code key} = {@code value}) to the selected nodes and records the start. */
    private <V> Object applyLinkFault(String spec, String fault, String verb, String key, V value, Map<String, V> active,
                                      java.util.function.BiConsumer<String, V> apply) {
        Targets.Selection sel = select(spec);
        for (String n : sel.nodes()) {
            apply.accept(n, value);
            active.put(n, value);
        }
        Map<String, Object> detail = note(sel);
        detail.put(key, value);
        recordIf("start", fault, sel.nodes(), detail);
        Map<String, Object> out = result(sel, verb, sel.nodes());
        out.put(key, value);
        return out;
    }

    private Object stopLoss(String spec) {
        return clearLinkFault(spec, "loss", loss, n -> links().setLoss(n, 0));
    }

    /** Clears a loss or delay fault on the chosen nodes among those that have it, and records the stop. */
    private Object clearLinkFault(String spec, String fault, Map<String, ?> active, java.util.function.Consumer<String> clear) {
        List<String> done = new ArrayList<>();
        for (String n : chosenAmong(spec, active.keySet())) {
            clear.accept(n);
            active.remove(n);
            done.add(n);
        }
        recordIf("stop", fault, done, Map.of());
        return result(null, "cleared", done);
    }

    private Object startDelay(String spec, long delayMs) {
        Check.that(delayMs > 0 && delayMs <= 10_000, "delayMs must be in 1..10000, was %s", delayMs);
        return applyLinkFault(spec, "delay", "delayed", "delayMs", delayMs, delaysMs, links()::setDelayMs);
    }

    private Object stopDelay(String spec) {
        return clearLinkFault(spec, "delay", delaysMs, n -> links().setDelayMs(n, 0));
    }

    // ---- helpers shared with ClockStrobe ----

    Targets.Selection select(String spec) {
        String leader = spec.equals("leader") ? backend.leader() : null;
        return Targets.select(spec, backend.nodes(), leader, rng);
    }

    long clockOffsetMs(String node) {
        return clockOffsetsMs.getOrDefault(node, 0L);
    }

    void setClock(String node, long offsetMs) {
        clock().setClockOffsetMs(node, offsetMs);
        if (offsetMs == 0) {
            clockOffsetsMs.remove(node);
        } else {
            clockOffsetsMs.put(node, offsetMs);
        }
    }

    void sleepMs(long ms) throws InterruptedException {
        sleeper.sleepNanos(ms * 1_000_000L);
    }

    void recordIf(String action, String fault, List<String> targets, Map<String, Object> detail) {
        if (!targets.isEmpty()) {
            log.record(action, fault, List.copyOf(targets), detail, backend.mechanism(fault));
        }
    }

    static Map<String, Object> note(Targets.Selection sel) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("spec", sel.spec());
        if (sel.note() != null) {
            d.put("note", sel.note());
        }
        return d;
    }

    static Map<String, Object> result(Targets.Selection sel, String key, List<String> nodes) {
        Map<String, Object> out = sel == null ? new LinkedHashMap<>() : note(sel);
        if (nodes != null) {
            out.put(key, List.copyOf(nodes));
        }
        return out;
    }

    /** For stop ops: {@code all} means every node in {@code active}; otherwise the resolved targets that are active. */
    private List<String> chosenAmong(String spec, Set<String> active) {
        if (spec.equals("all")) {
            return new ArrayList<>(active);
        }
        List<String> out = new ArrayList<>();
        for (String n : select(spec).nodes()) {
            if (active.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private ProcessFaults process() {
        return capability(ProcessFaults.class);
    }

    private ClockFaults clock() {
        return capability(ClockFaults.class);
    }

    private LinkFaults links() {
        return capability(LinkFaults.class);
    }

    private <T> T capability(Class<T> c) {
        if (!c.isInstance(backend)) {
            throw new IllegalStateException("the fault backend " + backend.getClass().getSimpleName() + " has no "
                    + c.getSimpleName());
        }
        return c.cast(backend);
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static void attempt(List<Exception> errors, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            errors.add(e);
        }
    }
}
