package io.faultline.vertx.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.vertx.net.Endpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two groups of nodes on one machine never get the same loopback addresses. */
class HostBlockTest {
    @TempDir
    Path dir;

    @Test
    void heldBlocksAreNotHandedOutAgainUntilReleased() {
        try (HostBlock a = HostBlock.acquire(dir); HostBlock b = HostBlock.acquire(dir)) {
            assertEquals(HostBlock.FIRST, a.block());
            assertNotEquals(a.block(), b.block());
            assertEquals("127.0." + a.block() + ".5", a.host(5));
            assertEquals("127.0." + b.block() + ".12", Endpoint.nodeHost(b.block(), 2));
            a.close();
            try (HostBlock c = HostBlock.acquire(dir)) {
                assertEquals(a.block(), c.block(), "a released block is the first free one again");
            }
        }
    }

    @Test
    void clustersInDifferentBlocksHaveDisjointAddresses() {
        ProcessCluster.Options o = new ProcessCluster.Options(3, dir.resolve("c"), "cp", "faultline", 0,
                java.util.List.of(), java.time.Duration.ofSeconds(1));
        try (ProcessCluster x = new ProcessCluster(o, 1); ProcessCluster y = new ProcessCluster(o, 2)) {
            for (Endpoint p : x.peers()) {
                assertTrue(p.host().startsWith("127.0.1."), p.toString());
                assertTrue(y.peers().stream().noneMatch(q -> q.host().equals(p.host())), p + " in both");
            }
        }
    }
}
