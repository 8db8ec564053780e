package io.faultline.vertx.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.vertx.Ports;
import io.faultline.vertx.net.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint's {@code POST /net} (inbound delay and loss) on an in-process kvsrv node. */
@Tag("it")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminNetIT {
    @TempDir
    Path dir;

    @Test
    void netSetsAndReportsDelayAndLossAndGuardsItsInput() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<Endpoint> peers = Ports.endpoints(1);
        Endpoint admin = new Endpoint("127.0.0.1", Ports.freePort("127.0.0.1"));
        NodeOptions o = NodeArgs.parse(new String[] {"--system", "kvsrv", "--id", "0", "--peers", peers.get(0).toString(),
                "--data-dir", dir.toString(), "--admin", admin.toString(), "--admin-token", "tok123456789"}, Map.of());
        NodeProcess.Running node = NodeProcess.start(vertx, o, NodeSystems.hook(o));
        HttpClient http = HttpClient.newHttpClient();
        try {
            assertEquals(401, send(http, admin, "POST", "/net?delayMs=5", "wrong").statusCode());
            HttpResponse<String> r = send(http, admin, "POST", "/net?delayMs=120&lossProbability=0.25", "tok123456789");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(120, node.node().conditions().inboundDelayMs());
            assertEquals(0.25, node.node().conditions().inboundLossProbability());
            JsonObject st = new JsonObject(send(http, admin, "GET", "/status", "tok123456789").body());
            assertEquals(120L, st.getLong("netDelayMs"));
            assertEquals(0.25, st.getDouble("netLossProbability"));
            // one parameter alone leaves the other as it was
            assertEquals(200, send(http, admin, "POST", "/net?delayMs=0", "tok123456789").statusCode());
            assertEquals(0, node.node().conditions().inboundDelayMs());
            assertEquals(0.25, node.node().conditions().inboundLossProbability());
            assertEquals(400, send(http, admin, "POST", "/net?lossProbability=1.5", "tok123456789").statusCode());
            assertEquals(400, send(http, admin, "POST", "/net?delayMs=x", "tok123456789").statusCode());
            assertEquals(0.25, node.node().conditions().inboundLossProbability(), "a rejected request changes nothing");
        } finally {
            node.stop().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> send(HttpClient http, Endpoint admin, String method, String path, String token)
            throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + admin + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
