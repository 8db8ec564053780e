package io.faultline.vertx.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.vertx.RpcClient;
import io.faultline.vertx.node.NodeMain;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three real node processes: election, agreement, admin endpoint, start-up errors. */
@Tag("it")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeProcessesIT {
    @TempDir
    Path dir;

    ProcessCluster cluster(int n) {
        return new ProcessCluster(new ProcessCluster.Options(n, dir.resolve("cluster"),
                NodeClasspath.snapshot(dir.resolve("jars")), "faultline", 100_000, NodeClasspath.testJvmArgs(),
                Duration.ofSeconds(30)));
    }

    @Test
    void threeProcessesElectALeaderAndAgree() throws Exception {
        try (ProcessCluster c = cluster(3); RpcClient rpc = RpcClient.open("127.0.0.60")) {
            c.startAll();
            int leader = c.awaitLeader(Duration.ofSeconds(20));
            assertTrue(leader >= 0, "a leader within 20 s");
            RaftClient client = new RaftClient(rpc, c.peers(), 50);
            List<CompletableFuture<RaftClient.Outcome>> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fs.add(client.propose(("cmd-" + i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10)));
            }
            long maxIndex = 0;
            for (CompletableFuture<RaftClient.Outcome> f : fs) {
                RaftClient.Outcome o = f.get(60, TimeUnit.SECONDS);
                assertEquals(RaftClient.Kind.COMMITTED, o.kind(), "outcome " + o);
                maxIndex = Math.max(maxIndex, o.index());
            }
            assertEquals(100, maxIndex, "100 commands in indices 1..100");
            awaitApplied(c, maxIndex);
            JsonArray first = c.applied(0, 1, 1000);
            assertEquals(100, first.size());
            for (int i = 1; i < 3; i++) {
                assertEquals(first, c.applied(i, 1, 1000), "node " + i + " applied the same log as node 0");
            }
            int now = c.awaitLeader(Duration.ofSeconds(20)); // leadership may have moved on a loaded machine
            assertTrue(now >= 0, "a leader after the run");
            JsonObject s = c.status(now);
            assertEquals("LEADER", s.getString("role"));
            assertTrue(s.getLong("term") >= 1);
            assertTrue(s.getLong("commitIndex") >= 100);
        }
    }

    @Test
    void adminFilterIsolatesTheLeaderAndClockOffsetIsReported() {
        try (ProcessCluster c = cluster(3)) {
            c.startAll();
            // Take the term from the same status that says LEADER: a leader seen during start-up can
            // be superseded a moment later, and reading its term afterwards gives the new leader's
            // term, which the majority side can never exceed (it already has that leader).
            int leader = -1;
            long term = -1;
            long stableBy = System.nanoTime() + 20_000_000_000L;
            while (leader < 0 && System.nanoTime() < stableBy) {
                int candidate = c.awaitLeader(Duration.ofSeconds(20));
                JsonObject st = candidate < 0 ? null : c.status(candidate);
                if (st != null && "LEADER".equals(st.getString("role"))) {
                    leader = candidate;
                    term = st.getLong("term");
                }
            }
            assertTrue(leader >= 0);
            List<Integer> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                if (i != leader) {
                    others.add(i);
                }
            }
            assertTrue(c.filter(leader, java.util.Set.copyOf(others)));
            for (int o : others) {
                c.filter(o, java.util.Set.of(leader));
            }
            long deadline = System.nanoTime() + 20_000_000_000L;
            int newLeader = -1;
            while (System.nanoTime() < deadline && newLeader < 0) {
                for (int o : others) {
                    JsonObject s = c.status(o);
                    if ("LEADER".equals(s.getString("role")) && s.getLong("term") > term) {
                        newLeader = o;
                    }
                }
                sleepMs(50); // think time between polls
            }
            assertTrue(newLeader >= 0, "the majority side elects a new leader");
            assertNotEquals(leader, newLeader);
            assertTrue(c.clockOffset(newLeader, 1234));
            assertEquals(1234L, c.status(newLeader).getLong("clockOffsetMs"));
            assertEquals(new JsonArray(others), c.status(leader).getJsonArray("dropPeers"));
        }
    }

    /** A node that dies without {@link ProcessCluster#kill} (here: SIGKILLed from outside) is reported; a kill through the cluster is not. */
    @Test
    void aNodeThatStopsOnItsOwnIsReportedAndAKilledOneIsNot() throws Exception {
        try (ProcessCluster c = cluster(2)) {
            c.startAll();
            assertTrue(c.unexpectedExits().isEmpty(), "nothing stopped yet: " + c.unexpectedExits());
            c.kill(1);
            ProcessHandle.of(c.pid(0)).orElseThrow().destroyForcibly();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (c.isUp(0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> exits = c.unexpectedExits();
            assertEquals(1, exits.size(), "exits: " + exits);
            assertTrue(exits.get(0).startsWith("node 0 exited with code "), exits.get(0));
            c.start(1);
            assertEquals(1, c.unexpectedExits().size(), "a node killed and restarted through the cluster is not an unexpected exit");
        }
    }

    @Test
    void badFlagsExitTwoWithAMessage() throws Exception {
        String cp = NodeClasspath.snapshot(dir.resolve("jars"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", cp, NodeMain.class.getName(),
                "--system", "raft", "--id", "5", "--peers", "127.0.0.10:7000,127.0.0.11:7001", "--data-dir", dir.toString(),
                "--admin", "7100").redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("--id 5 is not an index into --peers"), out);
        Process q = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", cp, NodeMain.class.getName(),
                "--system", "raft", "--id", "0", "--peers", "10.0.0.1:7000", "--data-dir", dir.toString(),
                "--admin", "7100").redirectErrorStream(true).start();
        assertTrue(q.waitFor(30, TimeUnit.SECONDS));
        String out2 = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, q.exitValue(), out2);
        assertTrue(out2.contains("not on loopback"), out2);
    }

    @Test
    void corruptRaftStorageStopsStartUpNamingFileAndOffset() throws Exception {
        try (ProcessCluster c = cluster(1)) {
            Path log = commitFiveThenKill(c, new byte[] {1, 2, 3}, Duration.ofSeconds(5));
            assertTrue(Files.size(log) > 20, "the log holds the entries");
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
                f.seek(8);
                int b = f.read();
                f.seek(8);
                f.write(b ^ 0xFF); // inside the first record: a complete record with a bad checksum
            }
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> c.start(0));
            assertTrue(e.getMessage().contains("exited (code 3)"), e.getMessage());
            assertTrue(e.getMessage().contains("raft-log"), e.getMessage());
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
        }
    }

    @Test
    void tornLogTailIsCutAndTheNodeStarts() throws Exception {
        try (ProcessCluster c = cluster(1)) {
            Path log = commitFiveThenKill(c, new byte[] {9, 9, 9}, Duration.ofSeconds(10));
            long size = Files.size(log);
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
                f.setLength(size - 3); // a write cut short by a crash
            }
            c.start(0);
            assertTrue(c.awaitLeader(Duration.ofSeconds(20)) == 0, "the node starts and leads again");
            assertTrue(Files.size(log) < size, "the torn record was cut off");
            try (RpcClient rpc = RpcClient.open()) {
                // Raft commits earlier terms' entries only with one of its own term (no no-op on election)
                RaftClient.Outcome o = new RaftClient(rpc, c.peers(), 20)
                        .propose(new byte[] {7}, Duration.ofSeconds(10)).get();
                assertEquals(RaftClient.Kind.COMMITTED, o.kind());
                assertEquals(5, o.index(), "entries 1-4 survived, the torn 5th was cut and its index reused");
            }
            awaitApplied(c, 5);
            JsonArray applied = c.applied(0, 1, 10);
            for (int i = 0; i < 4; i++) {
                assertEquals(java.util.Base64.getEncoder().encodeToString(new byte[] {9, 9, 9, (byte) i}),
                        applied.getJsonObject(i).getString("command"));
            }
        }
    }

    static void awaitApplied(ProcessCluster c, long index) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (int i = 0; i < c.size(); i++) {
            while (c.status(i).getLong("lastApplied") < index) {
                assertTrue(System.nanoTime() < deadline, "node " + i + " applies up to " + index);
                Thread.sleep(20);
            }
        }
    }

    /**
     * Starts a one-node cluster, commits five commands ({@code prefix} then i), kills the node, and
     * returns its Raft log file.
     */
    private static Path commitFiveThenKill(ProcessCluster c, byte[] prefix, Duration proposeTimeout) throws Exception {
        c.startAll();
        assertTrue(c.awaitLeader(Duration.ofSeconds(20)) == 0);
        try (RpcClient rpc = RpcClient.open()) {
            RaftClient client = new RaftClient(rpc, c.peers(), 20);
            for (int i = 0; i < 5; i++) {
                assertEquals(RaftClient.Kind.COMMITTED,
                        client.propose(new byte[] {prefix[0], prefix[1], prefix[2], (byte) i}, proposeTimeout).get().kind());
            }
        }
        c.kill(0);
        return c.dataDir(0).resolve("raft-log");
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
