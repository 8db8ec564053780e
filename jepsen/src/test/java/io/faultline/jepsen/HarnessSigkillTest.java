package io.faultline.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.cli.Main;
import io.faultline.faults.local.Iptables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILL of the harness mid-run: {@code faultline test} runs as a subprocess and is killed with
 * SIGKILL once its run phase has recorded ops. Its nodes outlive it; {@code faultline analyze}
 * must check the history it left; the next {@code faultline test} must kill those nodes and remove
 * the iptables chain the dead harness left (when iptables is usable here).
 */
@Tag("slow")
class HarnessSigkillTest extends LocalHarnessTest {
    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void killedHarnessLeavesACheckableHistoryAndTheNextRunCleansUp() throws Exception {
        Path store = dir.resolve("store");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfaultline.pidDir=" + dir.resolve("pids"), "-cp", LocalBackend.nodeClasspath(dir.resolve("jars")),
                Main.class.getName(), "test", "--time-limit", "120", "--nodes", "3", "--concurrency", "4",
                "--nemesis", "partition", "--nemesis-interval", "1", "--seed", "11", "--store", store.toString()));
        Process harness = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("harness.out").toFile()).start();
        List<Long> orphans = new ArrayList<>();
        try {
            killAndCheck(store, harness, orphans);
        } finally { // whatever failed: no node of this test may outlive it
            harness.destroyForcibly();
            for (long pid : orphans) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    if (h.info().commandLine().map(c -> c.contains("NodeMain")).orElse(true)) {
                        h.destroyForcibly();
                    }
                });
            }
        }
    }

    private void killAndCheck(Path store, Process harness, List<Long> orphans) throws Exception {
        Path run = awaitRunWithOps(store, harness, 200);
        harness.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(harness.waitFor(30, TimeUnit.SECONDS), "the harness died");
        assertEquals(137, harness.exitValue(), "killed by SIGKILL");

        try (var files = Files.list(dir.resolve("pids"))) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith(Leftovers.DATA_PREFIX)) {
                        orphans.add(Long.parseLong(line.strip()));
                    }
                }
            }
        }
        assertEquals(3, orphans.size(), "the dead harness's nodes are recorded");
        for (long pid : orphans) {
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "node " + pid + " outlived the harness");
        }
        assertFalse(Files.exists(run.resolve("results.json")), "no results from the dead harness");

        Analyzer.Outcome a = Analyzer.analyze(run, 60);
        assertEquals(0, a.exitCode(), a.summary() + " " + a.notes());
        assertTrue(a.notes().get(0).contains("incomplete run"), a.notes().toString());
        Map<String, Object> results = StoreAssertions.json(run.resolve("results.json"));
        assertEquals(Boolean.TRUE, results.get("valid"));
        assertEquals(Boolean.TRUE, results.get("incomplete"));

        String chain = Iptables.CHAIN + "-" + harness.pid();
        boolean chainLeft = Iptables.usable() && Iptables.ourChains().contains(chain);
        int code = Main.run("test", "--time-limit", "5", "--nodes", "3", "--nemesis", "none", "--seed", "12",
                "--store", store.toString());
        Path next = store.resolve("latest").toRealPath();
        assertEquals(0, code, Files.readString(next.resolve("results.json")));
        String log = Files.readString(next.resolve("run.log"));
        for (long pid : orphans) {
            assertTrue(log.contains("killed leftover node process " + pid), log);
            assertFalse(running(pid), "leftover node " + pid + " is gone: " + procState(pid));
        }
        assertTrue(log.contains("deleted leftover data directory"), log);
        if (chainLeft) {
            assertTrue(log.contains("removed the iptables chain " + chain), log);
        } else {
            System.out.println("HarnessSigkillTest: iptables not usable or no chain left here; the chain clean-up was not exercised");
        }
        assertFalse(Iptables.usable() && Iptables.ourChains().contains(chain), "the dead harness's chain is gone");
    }

    /** Alive and not a zombie (a killed orphan waits for its new parent to reap it). */
    private static boolean running(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String state = procState(pid);
            if (state == null || state.equals("Z") || state.equals("X")) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** The process's state letter from /proc, or null when it is gone. */
    private static String procState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Path awaitRunWithOps(Path store, Process harness, int opLinesMin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertTrue(harness.isAlive(), "the harness is running: " + Files.readString(store.getParent().resolve("harness.out")));
            Path latest = store.resolve("latest");
            if (Files.exists(latest)) {
                Path run = latest.toRealPath();
                Path h = run.resolve("history.jsonl");
                if (Files.exists(h) && Files.readAllLines(h).size() >= opLinesMin) {
                    return run;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the harness did not record " + opLinesMin + " ops in time");
    }
}
