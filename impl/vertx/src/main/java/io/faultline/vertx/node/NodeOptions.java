package io.faultline.vertx.node;

import io.faultline.vertx.net.Endpoint;
import java.nio.file.Path;
import java.util.List;

/**
 * The flags of a node process ({@code faultline node ...}). Invalid combinations raise
 * {@link IllegalArgumentException} with a message fit for the command line (exit code 2).
 *
 * @param system         the system to run: {@code raft}, {@code kvsrv} (one peer only) or {@code kvraft}
 * @param id             this node's index in {@code peers}
 * @param peers          every member's {@code 127.x.y.z:port}; node {@code id} listens on its entry
 * @param dataDir        directory of this node's files
 * @param admin          the admin HTTP endpoint (loopback)
 * @param adminToken     the bearer token the admin endpoint requires; null: the node makes one up
 *                       and writes it to {@code DATA_DIR/admin-token}
 * @param raft           the Raft implementation's registered name
 * @param appliedKeepMax applied entries kept in memory for {@code GET /applied} (older ones only
 *                       count towards the digest)
 * @param maxRaftState   kvraft: Raft state bytes that trigger a snapshot; -1 never snapshots
 * @param keyBytesMax    kvsrv/kvraft: the largest key a server accepts (UTF-8 bytes)
 * @param valueBytesMax  kvsrv/kvraft: the largest value a server accepts (UTF-8 bytes)
 * @param variant        kvraft: the server variant's label; {@code kvraft} is the correct one, the
 *                       others are planted bugs for showing that a check fails
 */
public record NodeOptions(String system, int id, List<Endpoint> peers, Path dataDir, Endpoint admin,
                          String adminToken, String raft, int appliedKeepMax, int maxRaftState, int keyBytesMax,
                          int valueBytesMax, String variant) {
    public static final List<String> SYSTEMS = NodeSystems.NAMES;
    public static final String DEFAULT_RAFT = "faultline";
    public static final int DEFAULT_APPLIED_KEEP_MAX = 1_000_000;
    public static final int DEFAULT_MAX_RAFT_STATE = -1;
    public static final int DEFAULT_KEY_BYTES_MAX = 1024;
    public static final int DEFAULT_VALUE_BYTES_MAX = 1 << 20;
    public static final String DEFAULT_VARIANT = "kvraft";

    /** The options of a {@code raft} node (kv flags at their defaults). */
    public NodeOptions(String system, int id, List<Endpoint> peers, Path dataDir, Endpoint admin, String adminToken,
                       String raft, int appliedKeepMax) {
        this(system, id, peers, dataDir, admin, adminToken, raft, appliedKeepMax, DEFAULT_MAX_RAFT_STATE,
                DEFAULT_KEY_BYTES_MAX, DEFAULT_VALUE_BYTES_MAX, DEFAULT_VARIANT);
    }

    public NodeOptions {
        require(system != null && SYSTEMS.contains(system), "--system must be one of " + SYSTEMS + ", was " + system);
        require(peers != null && !peers.isEmpty(), "--peers is required");
        require(peers.size() <= 99, "--peers lists " + peers.size() + " nodes; at most 99");
        require(id >= 0 && id < peers.size(), "--id " + id + " is not an index into --peers (0.." + (peers.size() - 1) + ")");
        require(peers.stream().distinct().count() == peers.size(), "--peers contains a duplicate address");
        require(dataDir != null, "--data-dir is required");
        require(admin != null, "--admin is required");
        require(!peers.contains(admin), "--admin " + admin + " collides with a peer address");
        require(adminToken == null || adminToken.length() >= 8, "--admin-token must have at least 8 characters");
        require(raft != null && !raft.isBlank(), "--raft must name a Raft implementation");
        require(appliedKeepMax >= 0, "--applied-keep must be >= 0");
        require(!system.equals("kvsrv") || peers.size() == 1,
                "--system kvsrv is a single server: --peers must list exactly one address, not " + peers.size());
        require(maxRaftState == -1 || maxRaftState > 0, "--maxraftstate must be -1 (no snapshots) or > 0, was " + maxRaftState);
        require(keyBytesMax >= 1 && keyBytesMax <= (1 << 20), "--key-bytes-max must be in 1..1048576, was " + keyBytesMax);
        require(valueBytesMax >= 1 && valueBytesMax <= (64 << 20),
                "--value-bytes-max must be in 1..67108864, was " + valueBytesMax);
        require(variant != null, "--variant is required");
        require(system.equals("kvraft") || variant.equals(DEFAULT_VARIANT), "--variant applies only to --system kvraft");
        require(system.equals("kvraft") || maxRaftState == DEFAULT_MAX_RAFT_STATE,
                "--maxraftstate applies only to --system kvraft");
        peers = List.copyOf(peers);
    }

    /** Parses {@code --admin}: a port (on 127.0.0.1) or {@code HOST:PORT} on loopback. */
    public static Endpoint parseAdmin(String text) {
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            long port = Long.parseLong(text.length() > 6 ? "0" : text);
            require(port >= 1 && port <= 65535, "--admin port " + text + " is outside 1..65535");
            return new Endpoint("127.0.0.1", (int) port);
        }
        return Endpoint.parse(text);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
