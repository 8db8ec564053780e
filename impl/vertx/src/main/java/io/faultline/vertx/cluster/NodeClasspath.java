package io.faultline.vertx.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path for node processes launched by tests (of any module): the test JVM's own, with
 * the project's snapshot jars copied into {@code dir} first, so another module's re-install into
 * the local Maven repository while a test runs cannot swap classes under a running node.
 */
public final class NodeClasspath {
    private NodeClasspath() {}

    public static String snapshot(Path dir) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (String entry : cp.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (entry.endsWith(".jar") && p.getFileName().toString().startsWith("faultline-")) {
                    Path copy = dir.resolve(p.getFileName());
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                    out.add(copy.toString());
                } else {
                    out.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(File.pathSeparator, out);
    }

    /** JVM flags for test nodes: {@link ProcessCluster#SMALL_NODE_JVM_ARGS}. */
    public static List<String> testJvmArgs() {
        return ProcessCluster.SMALL_NODE_JVM_ARGS;
    }
}
