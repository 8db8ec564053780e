package io.faultline.jepsen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One run's directory in the store (layout in docs/store.md): creates
 * {@code <store>/<test-name>/<yyyyMMdd'T'HHmmss.SSS>/} with {@code nodes/}, writes JSON files
 * atomically (temporary file, then rename), opens the streamed files, and points
 * {@code <store>/latest} at the run.
 */
public final class RunStore {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();
    static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

    private final Path root;
    private final Path dir;

    private RunStore(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    /** Creates a new run directory for {@code testName} started at {@code start} (a later millisecond if that one is taken). */
    public static RunStore create(Path storeRoot, String testName, Instant start) throws IOException {
        Path parent = storeRoot.resolve(testName);
        Files.createDirectories(parent);
        Instant t = start;
        while (true) {
            Path d = parent.resolve(DIR_TIME.format(t));
            try {
                Files.createDirectory(d);
                Files.createDirectories(d.resolve("nodes"));
                return new RunStore(storeRoot, d);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                t = t.plusMillis(1);
            }
        }
    }

    /** An existing run directory (for {@code faultline analyze}). */
    public static RunStore open(Path runDir) {
        Path abs = runDir.toAbsolutePath().normalize();
        return new RunStore(abs.getParent() == null ? abs : abs.getParent().getParent(), abs);
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Where node {@code nodeName}'s stdout and stderr go. */
    public Path nodeLog(String nodeName) {
        return dir.resolve("nodes").resolve(nodeName).resolve("node.log");
    }

    /**
     * Writes {@code value} as pretty JSON to {@code name}, atomically (temp file, rename).
     * Synchronized: the monitor thread and the runner both replace progress.json, through one temp file.
     */
    public synchronized void writeJson(String name, Object value) {
        try {
            Path tmp = dir.resolve("." + name + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(value));
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> readJson(String name) throws IOException {
        return JSON.readValue(dir.resolve(name).toFile(), Map.class);
    }

    public static String jsonLine(Object value) {
        try {
            return JSON_LINE.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens {@code name} for streaming (created or appended; the caller flushes per line). */
    public Writer append(String name) throws IOException {
        return Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Points {@code <store>/latest} at this run (a relative symlink, replaced atomically). */
    public void markLatest() {
        try {
            Path latest = root.resolve("latest");
            Path tmp = root.resolve(".latest." + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, root.relativize(dir));
            Files.move(tmp, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // the store is still complete without the convenience link; say so in the run log
            throw new UncheckedIOException("cannot point " + root.resolve("latest") + " at " + dir, e instanceof IOException
                    ? (IOException) e : new IOException(e));
        }
    }
}
