package io.faultline.jepsen;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's side thread: about once a second it replaces {@code progress.json}, redraws the
 * progress line, lets the backend re-record node pids, and acts as the watchdog of every phase: a
 * phase that runs past its limit fires {@code onOverrun} once (the runner then stops the run and
 * cleans up; if the runner is still stuck {@code hangGraceMs} later, {@code onHang} runs).
 */
final class Monitor implements AutoCloseable {
    static final long TICK_MS = 1_000;

    /** What the monitor reads; all of it must be safe to call from this thread. */
    interface Source {
        String phase();

        /** Milliseconds since the current phase began. */
        long phaseElapsedMs();

        /** Milliseconds since the run phase began (0 before it). */
        long runElapsedMs();

        long[] counts();

        List<String> activeFaults();

        /** Called each tick (e.g. to re-record node pids). */
        void tick();
    }

    private final Source source;
    private final RunStore store;
    private final RunLog log;
    private final int timeLimitS;
    private final Map<String, Long> phaseLimitsMs;
    private final Runnable onOverrun;
    private final Runnable onHang;
    private final long hangGraceMs;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile String overrun;

    Monitor(Source source, RunStore store, RunLog log, int timeLimitS, Map<String, Long> phaseLimitsMs, Runnable onOverrun,
            Runnable onHang, long hangGraceMs) {
        this.source = source;
        this.store = store;
        this.log = log;
        this.timeLimitS = timeLimitS;
        this.phaseLimitsMs = Map.copyOf(phaseLimitsMs);
        this.onOverrun = onOverrun;
        this.onHang = onHang;
        this.hangGraceMs = hangGraceMs;
        this.thread = new Thread(this::loop, "faultline-monitor");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The phase that overran its limit, or null. */
    String overrun() {
        return overrun;
    }

    private void loop() {
        long firedAtMs = -1;
        while (!stopped) {
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            try {
                source.tick();
                writeProgress(source.phase());
            } catch (RuntimeException e) {
                log.info("monitor: " + e);
            }
            String phase = source.phase();
            Long limit = phaseLimitsMs.get(phase);
            long nowMs = System.currentTimeMillis();
            if (overrun == null && limit != null && source.phaseElapsedMs() > limit) {
                overrun = phase;
                firedAtMs = nowMs;
                log.info("watchdog: phase " + phase + " overran its limit of " + limit / 1000 + " s; stopping the run");
                onOverrun.run();
            } else if (overrun != null && firedAtMs > 0 && nowMs - firedAtMs > hangGraceMs) {
                firedAtMs = -1;
                log.info("watchdog: the harness is still stuck " + hangGraceMs / 1000 + " s after stopping; cleaning up and exiting");
                onHang.run();
            }
        }
    }

    /** Replaces progress.json with the current state (also called by the runner at phase changes). */
    void writeProgress(String phase) {
        long[] c = source.counts();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("updatedAt", Instant.now().toString());
        p.put("phase", phase);
        p.put("elapsedMs", source.runElapsedMs());
        p.put("timeLimitS", timeLimitS);
        p.put("ops", c[0] + c[1] + c[2]);
        p.put("ok", c[0]);
        p.put("fail", c[1]);
        p.put("info", c[2]);
        p.put("opsPerSec", (double) c[3]);
        List<String> faults = source.activeFaults();
        p.put("activeFaults", faults);
        store.writeJson("progress.json", p);
        log.progress(String.format("[%s] %ds/%ds  ops %d (ok %d, fail %d, info %d)  %d/s  faults: %s", phase,
                source.runElapsedMs() / 1000, timeLimitS, c[0] + c[1] + c[2], c[0], c[1], c[2], c[3],
                faults.isEmpty() ? "none" : String.join(", ", faults)), System.currentTimeMillis());
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
