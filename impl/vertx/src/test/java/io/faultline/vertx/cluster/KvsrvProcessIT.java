package io.faultline.vertx.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.kvsrv.Clerk;
import io.faultline.kvsrv.Err;
import io.faultline.kvsrv.KvClerk;
import io.faultline.vertx.RpcClient;
import io.faultline.vertx.kv.TcpClerkTransport;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline node --system kvsrv}: one server process, the lab 2 clerk over TCP, the size limits. */
@Tag("it")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KvsrvProcessIT {
    @TempDir
    Path dir;

    @Test
    void clerkOverTcpSeesTheVersionRulesAndLimits() {
        try (ProcessCluster c = new ProcessCluster(new ProcessCluster.Options(1, dir.resolve("kvsrv"),
                NodeClasspath.snapshot(dir.resolve("jars")), "faultline", 0, NodeClasspath.testJvmArgs(),
                Duration.ofSeconds(30), "kvsrv", List.of("--value-bytes-max", "16")));
             RpcClient rpc = RpcClient.open("127.0.0.64")) {
            c.startAll();
            JsonObject st = c.status(0);
            assertEquals("SERVER", st.getString("role"), st.encode());
            TcpClerkTransport t = new TcpClerkTransport(rpc, c.peers(), Duration.ofSeconds(1));
            KvClerk clerk = new Clerk(t, t.serverNames()[0]);
            assertEquals(Err.ErrNoKey, clerk.get("a").err());
            assertEquals(Err.OK, clerk.put("a", "one", 0));
            assertEquals(Err.ErrVersion, clerk.put("a", "two", 0));
            KvClerk.GetResult g = clerk.get("a");
            assertEquals("one", g.value());
            assertEquals(1, g.version());
            IllegalArgumentException tooLarge = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> clerk.put("a", "x".repeat(17), 1));
            assertTrue(tooLarge.getMessage().contains("valueBytesMax=16"), tooLarge.getMessage());
            assertEquals(1, c.status(0).getInteger("keys"));
        }
    }
}
