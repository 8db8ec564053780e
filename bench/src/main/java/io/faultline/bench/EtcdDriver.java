package io.faultline.bench;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Where the etcd load driver ({@code bench-etcd}, jetcd in a JVM of its own) is, and how its
 * {@code RESULT} lines read as {@link OpResult}s. {@link EtcdSide} runs it.
 */
final class EtcdDriver {
    /** The driver jar's path relative to the source tree's root. */
    static final String JAR_IN_TREE = "bench-etcd/target/faultline-etcd-driver.jar";
    /** Overrides where the driver jar is looked for. */
    static final String JAR_PROPERTY = "faultline.etcdDriverJar";

    private EtcdDriver() {}

    /**
     * The driver jar: {@code -Dfaultline.etcdDriverJar}, else {@value #JAR_IN_TREE} under the first
     * ancestor of this class's jar or classes directory (or of the working directory) that has it;
     * null when none is found.
     */
    static Path findJar() {
        String prop = System.getProperty(JAR_PROPERTY);
        if (prop != null) {
            Path p = Path.of(prop);
            return Files.isRegularFile(p) ? p : null;
        }
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(EtcdDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: fall back to the working directory
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path d = start; d != null; d = d.getParent()) {
                Path p = d.resolve(JAR_IN_TREE);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Parses {@code RESULT op=put inFlight=32 ops=N errors=N emptyGets=N nanos=N hist=BASE64}; a
     * malformed line is an {@link IllegalArgumentException} quoting it.
     */
    static OpResult parseResult(String line, int nodes) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : line.substring("RESULT ".length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed etcd driver line (field '" + part + "'): " + abbreviate(line));
            }
            f.put(part.substring(0, eq), part.substring(eq + 1));
        }
        try {
            String op = required(f, "op", line);
            int inFlight = Integer.parseInt(required(f, "inFlight", line));
            long ops = Long.parseLong(required(f, "ops", line));
            long errors = Long.parseLong(required(f, "errors", line)) + Long.parseLong(f.getOrDefault("emptyGets", "0"));
            double seconds = Long.parseLong(required(f, "nanos", line)) / 1e9;
            byte[] hist = Base64.getDecoder().decode(required(f, "hist", line));
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(hist), 0);
            return new OpResult("etcd", nodes, op, inFlight, ops, seconds, h, 0, 0, errors);
        } catch (NumberFormatException | DataFormatException | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("malformed etcd driver line (" + e + "): " + abbreviate(line), e);
        }
    }

    private static String required(Map<String, String> f, String name, String line) {
        String v = f.get(name);
        if (v == null) {
            throw new IllegalArgumentException("etcd driver line without " + name + ": " + abbreviate(line));
        }
        return v;
    }

    private static String abbreviate(String line) {
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }
}
