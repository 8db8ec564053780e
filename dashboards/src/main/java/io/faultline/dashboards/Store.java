package io.faultline.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The store directory (docs/store.md), read-only. Every path handed out is confined to the store:
 * names are checked against a strict pattern, then the real path (symlinks resolved) must lie
 * under the store's real path. Anything else is "not found".
 */
public final class Store {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");
    private static final Pattern FILE_SEGMENT = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,199}");
    static final String LATEST = "latest";

    private final Path root;
    private final Path realRoot;

    public Store(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("store " + root + " is not readable: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(realRoot)) {
            throw new IllegalArgumentException("store " + root + " is not a directory");
        }
    }

    public Path root() {
        return root;
    }

    /** Every run directory (one that holds test.json), as ids "test-name/timestamp". */
    public List<String> runIds() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> tests = Files.newDirectoryStream(realRoot)) {
            for (Path t : tests) {
                String tn = t.getFileName().toString();
                if (tn.equals(LATEST) || !NAME.matcher(tn).matches()
                        || !Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> runs = Files.newDirectoryStream(t)) {
                    for (Path r : runs) {
                        String rn = r.getFileName().toString();
                        if (NAME.matcher(rn).matches() && Files.isDirectory(r, LinkOption.NOFOLLOW_LINKS)
                                && Files.isRegularFile(r.resolve("test.json"))) {
                            ids.add(tn + "/" + rn);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing store " + root + ": " + e.getMessage(), e);
        }
        return ids;
    }

    /** The run directory for test-name and timestamp, or empty if the names are not a run here. */
    public Optional<Path> run(String testName, String timestamp) {
        if (testName == null || timestamp == null || !NAME.matcher(testName).matches()
                || !NAME.matcher(timestamp).matches() || testName.equals(LATEST)) {
            return Optional.empty();
        }
        Path dir = realRoot.resolve(testName).resolve(timestamp);
        return confined(dir).filter(d -> Files.isDirectory(d) && Files.isRegularFile(d.resolve("test.json")));
    }

    /** The run for an id "test-name/timestamp". */
    public Optional<Path> run(String id) {
        if (id == null) {
            return Optional.empty();
        }
        int slash = id.indexOf('/');
        return slash < 0 ? Optional.empty() : run(id.substring(0, slash), id.substring(slash + 1));
    }

    /** A regular file inside a run directory, by a relative path like "nodes/n1/node.log". */
    public static Optional<Path> fileIn(Path runDir, String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > 1000) {
            return Optional.empty();
        }
        Path p = runDir;
        for (String seg : relative.split("/", -1)) {
            if (!FILE_SEGMENT.matcher(seg).matches()) {
                return Optional.empty();
            }
            p = p.resolve(seg);
        }
        Path target = p;
        return confinedTo(runDir, target).filter(Files::isRegularFile);
    }

    private Optional<Path> confined(Path p) {
        return confinedTo(realRoot, p);
    }

    private static Optional<Path> confinedTo(Path base, Path p) {
        try {
            Path real = p.toRealPath();
            Path realBase = base.toRealPath();
            return real.startsWith(realBase) && !real.equals(realBase) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
