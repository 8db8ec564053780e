package io.faultline.vertx.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faultline.vertx.net.Endpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeArgsTest {
    static final String PEERS = "127.0.0.10:7000,127.0.0.11:7001,127.0.0.12:7002";

    static String error(Map<String, String> env, String... args) {
        return assertThrows(IllegalArgumentException.class, () -> NodeArgs.parse(args, env)).getMessage();
    }

    @Test
    void parsesEveryFlag() {
        NodeOptions o = NodeArgs.parse(new String[] {"--system", "raft", "--id", "1", "--peers", PEERS,
                "--data-dir", "/tmp/d", "--admin", "7100", "--admin-token", "abcdefgh", "--raft=bug-forget-vote",
                "--applied-keep", "5"}, Map.of());
        assertEquals(1, o.id());
        assertEquals(3, o.peers().size());
        assertEquals(new Endpoint("127.0.0.1", 7100), o.admin());
        assertEquals("abcdefgh", o.adminToken());
        assertEquals("bug-forget-vote", o.raft());
        assertEquals(5, o.appliedKeepMax());
    }

    @Test
    void tokenComesFromTheEnvironmentOrIsLeftToTheNode() {
        String[] args = {"--system", "raft", "--id", "0", "--peers", PEERS, "--data-dir", "/tmp/d", "--admin", "127.0.0.2:80"};
        assertEquals("fromenv12", NodeArgs.parse(args, Map.of("FAULTLINE_ADMIN_TOKEN", "fromenv12")).adminToken());
        assertNull(NodeArgs.parse(args, Map.of()).adminToken());
    }

    @Test
    void badFlagsHaveClearMessages() {
        Map<String, String> env = Map.of();
        assertEquals("missing required option --peers",
                error(env, "--system", "raft", "--id", "0", "--data-dir", "d", "--admin", "7100"));
        assertEquals("--id 3 is not an index into --peers (0..2)",
                error(env, "--system", "raft", "--id", "3", "--peers", PEERS, "--data-dir", "d", "--admin", "7100"));
        assertEquals("--id must be an integer, was 'x'",
                error(env, "--system", "raft", "--id", "x", "--peers", PEERS, "--data-dir", "d", "--admin", "7100"));
        assertEquals("address '10.1.1.1:7000' is not on loopback (127.0.0.0/8)",
                error(env, "--system", "raft", "--id", "0", "--peers", "10.1.1.1:7000", "--data-dir", "d", "--admin", "7100"));
        assertEquals("--system must be one of [raft, kvsrv, kvraft], was kv",
                error(env, "--system", "kv", "--id", "0", "--peers", PEERS, "--data-dir", "d", "--admin", "7100"));
        assertEquals("--admin port 70000 is outside 1..65535",
                error(env, "--system", "raft", "--id", "0", "--peers", PEERS, "--data-dir", "d", "--admin", "70000"));
        assertEquals("--admin 127.0.0.10:7000 collides with a peer address",
                error(env, "--system", "raft", "--id", "0", "--peers", PEERS, "--data-dir", "d", "--admin", "127.0.0.10:7000"));
        assertEquals("--admin-token must have at least 8 characters",
                error(env, "--system", "raft", "--id", "0", "--peers", PEERS, "--data-dir", "d", "--admin", "7100",
                        "--admin-token", "short"));
        assertEquals("option --id given twice",
                error(env, "--id", "0", "--id", "1"));
        assertEquals("missing value for --data-dir", error(env, "--data-dir"));
        assertEquals("--peers contains a duplicate address",
                error(env, "--system", "raft", "--id", "0", "--peers", "127.0.0.10:1,127.0.0.10:1", "--data-dir", "d",
                        "--admin", "7100"));
    }

    @Test
    void kvSystemsTakeTheirFlagsAndRejectMisplacedOnes() {
        Map<String, String> env = Map.of();
        NodeOptions o = NodeArgs.parse(new String[] {"--system", "kvraft", "--id", "0", "--peers", PEERS, "--data-dir", "d",
                "--admin", "7100", "--maxraftstate", "4000", "--key-bytes-max", "64", "--value-bytes-max", "128",
                "--variant", "bug-local-get"}, env);
        assertEquals(4000, o.maxRaftState());
        assertEquals(64, o.keyBytesMax());
        assertEquals(128, o.valueBytesMax());
        assertEquals(io.faultline.kvraft.KvRaftVariant.BUG_LOCAL_GET, NodeSystems.variant(o.variant()));
        NodeOptions kvsrv = NodeArgs.parse(new String[] {"--system", "kvsrv", "--id", "0", "--peers", "127.0.0.10:7000",
                "--data-dir", "d", "--admin", "7100"}, env);
        assertEquals(-1, kvsrv.maxRaftState());
        NodeSystems.hook(kvsrv); // resolves without starting anything
        assertEquals("--system kvsrv is a single server: --peers must list exactly one address, not 3",
                error(env, "--system", "kvsrv", "--id", "0", "--peers", PEERS, "--data-dir", "d", "--admin", "7100"));
        assertEquals("--maxraftstate must be -1 (no snapshots) or > 0, was 0",
                error(env, "--system", "kvraft", "--id", "0", "--peers", PEERS, "--data-dir", "d", "--admin", "7100",
                        "--maxraftstate", "0"));
        assertEquals("--maxraftstate applies only to --system kvraft",
                error(env, "--system", "raft", "--id", "0", "--peers", PEERS, "--data-dir", "d", "--admin", "7100",
                        "--maxraftstate", "100"));
        assertEquals("--variant applies only to --system kvraft",
                error(env, "--system", "raft", "--id", "0", "--peers", PEERS, "--data-dir", "d", "--admin", "7100",
                        "--variant", "bug-local-get"));
        assertEquals("--key-bytes-max must be in 1..1048576, was 0",
                error(env, "--system", "kvraft", "--id", "0", "--peers", PEERS, "--data-dir", "d", "--admin", "7100",
                        "--key-bytes-max", "0"));
        NodeOptions badVariant = NodeArgs.parse(new String[] {"--system", "kvraft", "--id", "0", "--peers", PEERS,
                "--data-dir", "d", "--admin", "7100", "--variant", "nope"}, env);
        assertEquals("--variant must be one of [kvraft, read-index, bug-local-get, bug-snapshot-drops-versions], was nope",
                assertThrows(IllegalArgumentException.class, () -> NodeSystems.hook(badVariant)).getMessage());
    }
}
