package io.faultline.cli;

import io.faultline.vertx.net.Endpoint;
import io.faultline.vertx.node.NodeOptions;
import io.faultline.vertx.node.NodeProcess;
import io.faultline.vertx.node.NodeSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline node}: runs one group member as a process on Vert.x, listening on its own
 * loopback address, with a token-protected admin endpoint. Runs until killed.
 */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one node of a replicated system as a process on Vert.x (loopback only).",
            "Node --id I listens on --peers[I] and connects from that address. It prints",
            "'faultline-node ready id=I listen=... admin=... pid=...' once serving.",
            "Systems: raft (a Raft group; clients propose with service raft.propose),",
            "kvsrv (the lab 2 versioned KV server; --peers lists one address) and kvraft",
            "(the lab 4 KV store on Raft); both KV systems serve service KV for the clerks.",
            "Admin endpoint (HTTP, header 'Authorization: Bearer TOKEN'): GET /status,",
            "POST /filter?drop=1,2, POST /clock?offsetMs=N; for raft also",
            "GET /applied?from=I&max=N and POST /propose (body: the command; answers",
            "once it is applied).",
            "Exit: 2 bad flags; 3 start-up failure (e.g. corrupt storage, named with the",
            "file and offset) or a fatal error."
        })
final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--system", required = true, paramLabel = "NAME", description = "The system to run: raft, kvsrv or kvraft.")
    String system;

    @Option(names = "--id", required = true, paramLabel = "I", description = "This node's index in --peers.")
    int id;

    @Option(names = "--peers", required = true, paramLabel = "ADDR,ADDR,...",
            description = "Every member's 127.x.y.z:port, in id order (node i conventionally on 127.0.0.(10+i)).")
    String peers;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "This node's storage directory.")
    Path dataDir;

    @Option(names = "--admin", required = true, paramLabel = "PORT|HOST:PORT",
            description = "Admin endpoint: a port on 127.0.0.1, or a loopback HOST:PORT.")
    String admin;

    @Option(names = "--admin-token", paramLabel = "T",
            description = "Bearer token of the admin endpoint (default: $FAULTLINE_ADMIN_TOKEN, else a random one "
                    + "written to DIR/admin-token).")
    String adminToken;

    @Option(names = "--raft", paramLabel = "NAME", defaultValue = NodeOptions.DEFAULT_RAFT,
            description = "Raft implementation (default: ${DEFAULT-VALUE}).")
    String raft;

    @Option(names = "--applied-keep", paramLabel = "N", defaultValue = "1000000",
            description = "Applied entries kept in memory for GET /applied (default: ${DEFAULT-VALUE}).")
    int appliedKeep;

    @Option(names = "--maxraftstate", paramLabel = "BYTES", defaultValue = "-1",
            description = "kvraft: snapshot when Raft state reaches this size; -1: never (default: ${DEFAULT-VALUE}).")
    int maxRaftState;

    @Option(names = "--key-bytes-max", paramLabel = "N", defaultValue = "1024",
            description = "kvsrv/kvraft: largest key accepted, UTF-8 bytes (default: ${DEFAULT-VALUE}).")
    int keyBytesMax;

    @Option(names = "--value-bytes-max", paramLabel = "N", defaultValue = "1048576",
            description = "kvsrv/kvraft: largest value accepted, UTF-8 bytes (default: ${DEFAULT-VALUE}).")
    int valueBytesMax;

    @Option(names = "--variant", paramLabel = "LABEL", defaultValue = NodeOptions.DEFAULT_VARIANT,
            description = "kvraft: the server variant; kvraft is the correct one (Gets through the log), read-index the "
                    + "correct one with ReadIndex Gets, bug-local-get and bug-snapshot-drops-versions are planted bugs for "
                    + "showing a check fails (default: ${DEFAULT-VALUE}).")
    String variant;

    @Override
    public Integer call() {
        NodeOptions options;
        try {
            List<Endpoint> peerList = Endpoint.parseList(peers);
            String token = adminToken != null ? adminToken : System.getenv("FAULTLINE_ADMIN_TOKEN");
            options = new NodeOptions(system, id, peerList, dataDir, NodeOptions.parseAdmin(admin), token, raft, appliedKeep,
                    maxRaftState, keyBytesMax, valueBytesMax, variant);
            NodeSystems.hook(options); // an unknown --raft or --variant is a bad flag
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return NodeProcess.run(options, System.out, System.err);
    }
}
