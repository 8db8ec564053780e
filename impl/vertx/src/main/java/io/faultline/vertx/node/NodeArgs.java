package io.faultline.vertx.node;

import io.faultline.vertx.net.Endpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small parser for the node flags, for {@link NodeMain} (launching node processes without the
 * CLI module on the class path). The {@code faultline node} command parses the same flags with
 * picocli and builds the same {@link NodeOptions}.
 */
public final class NodeArgs {
    static final List<String> FLAGS = List.of("--system", "--id", "--peers", "--data-dir", "--admin", "--admin-token",
            "--raft", "--applied-keep", "--maxraftstate", "--key-bytes-max", "--value-bytes-max", "--variant");

    private NodeArgs() {}

    /** Parses {@code args}; a bad flag raises {@link IllegalArgumentException} with a clear message. */
    public static NodeOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(FLAGS.contains(a) ? "missing value for " + a : "unknown option " + a);
                }
                value = args[++i];
            }
            if (!FLAGS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + " (expected one of " + FLAGS + ")");
            }
            if (v.put(name, value) != null) {
                throw new IllegalArgumentException("option " + name + " given twice");
            }
        }
        for (String required : List.of("--system", "--id", "--peers", "--data-dir", "--admin")) {
            if (!v.containsKey(required)) {
                throw new IllegalArgumentException("missing required option " + required);
            }
        }
        String token = v.getOrDefault("--admin-token", env.get("FAULTLINE_ADMIN_TOKEN"));
        return new NodeOptions(v.get("--system"), intFlag(v, "--id", -1), Endpoint.parseList(v.get("--peers")),
                Path.of(v.get("--data-dir")), NodeOptions.parseAdmin(v.get("--admin")), token,
                v.getOrDefault("--raft", NodeOptions.DEFAULT_RAFT),
                intFlag(v, "--applied-keep", NodeOptions.DEFAULT_APPLIED_KEEP_MAX),
                intFlag(v, "--maxraftstate", NodeOptions.DEFAULT_MAX_RAFT_STATE),
                intFlag(v, "--key-bytes-max", NodeOptions.DEFAULT_KEY_BYTES_MAX),
                intFlag(v, "--value-bytes-max", NodeOptions.DEFAULT_VALUE_BYTES_MAX),
                v.getOrDefault("--variant", NodeOptions.DEFAULT_VARIANT));
    }

    private static int intFlag(Map<String, String> v, String name, int dflt) {
        String s = v.get(name);
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + s + "'");
        }
    }
}
