package io.faultline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.vertx.cluster.NodeClasspath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench harness end to end with 1 s settings: real node processes (and etcd). Tagged slow: 8 s on
 * a quiet machine, but 20-40 s under the shared machine's usual load (three node JVMs start first).
 */
@Tag("slow")
class KvRaftBenchSmokeTest {
    @TempDir
    Path dir;

    private KvRaftBench.Options options(String peer, List<Integer> inFlight) {
        return new KvRaftBench.Options(List.of(3), inFlight, 1.0, 0.2, 16, 128, peer, dir, NodeClasspath.snapshot(dir.resolve("cp")),
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"), 1 << 20, KvRaftBench.READS_INDEX);
    }

    @Test
    void kvraftAloneMeasuresEverySettingWithoutVersionErrors() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        KvRaftBench.Report r = KvRaftBench.run(options("none", List.of(8)),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertEquals("--peer none", r.peerSkipped());
        assertEquals(2, r.results().size(), "put and get at 8 in flight");
        for (OpResult x : r.results()) {
            assertEquals("faultline", x.system());
            assertTrue(x.ops() > 0, "no operation acknowledged: " + x);
            assertEquals(x.ops(), x.latencyNanos().getTotalCount(), "one latency per acknowledged op");
            assertEquals(0, x.errVersion(), "a Put with the slot's known version got ErrVersion: " + x);
            assertEquals(0, x.errors(), "errors: " + x);
        }
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("peer skipped: --peer none"));
    }

    @Test
    void etcdRunsSideBySide() throws Exception {
        assumeTrue(EtcdCluster.findBinary() != null, "etcd is not on PATH (apt-get install etcd-server)");
        assumeTrue(EtcdDriver.findJar() != null, "the etcd driver jar is not built (mvn -pl bench-etcd package)");
        KvRaftBench.Report r = KvRaftBench.run(options("etcd", List.of(1, 8)), System.err);
        assertNull(r.peerSkipped());
        List<OpResult> etcd = r.results().stream().filter(x -> x.system().equals("etcd")).toList();
        assertEquals(4, etcd.size());
        for (OpResult x : etcd) {
            assertTrue(x.ops() > 0 && x.errors() == 0, "etcd setting failed: " + x);
        }
        assertEquals(4, KvRaftReport.comparisons(r).size());
    }
}
