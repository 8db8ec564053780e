package io.faultline.jepsen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Node processes a harness left behind when it died (SIGKILL leaves its nodes running: their JVM
 * shutdown hook never ran). Every harness writes {@code <dir>/<harness-pid>.pids}, one node pid per
 * line, and rewrites it when a node is restarted; {@link #cleanup} kills the processes listed by
 * files whose harness is gone and which still run our node main class, then deletes the files.
 * The directory is {@code $TMPDIR/faultline-harness} ({@code -Dfaultline.pidDir} overrides it).
 */
public final class Leftovers {
    static final String NODE_MAIN = "io.faultline.vertx.node.NodeMain";
    /** The pid file's line naming the nodes' data directory; only directories named like ours are deleted. */
    static final String DATA_PREFIX = "# data ";

    private final Path dir;

    public Leftovers(Path dir) {
        this.dir = dir;
    }

    public static Leftovers standard() {
        return new Leftovers(Path.of(System.getProperty("faultline.pidDir",
                Path.of(System.getProperty("java.io.tmpdir"), "faultline-harness").toString())));
    }

    public Path dir() {
        return dir;
    }

    private Path ownFile() {
        return dir.resolve(ProcessHandle.current().pid() + ".pids");
    }

    /** Records this harness's node pids (replacing the previous list); an I/O error is returned, not thrown. */
    public String record(List<Long> pids) {
        return record(pids, null);
    }

    /**
     * Records this harness's node pids and the nodes' data directory (deleted by the clean-up after
     * the harness died); an I/O error is returned, not thrown.
     */
    public String record(List<Long> pids, Path dataDir) {
        try {
            Files.createDirectories(dir);
            StringBuilder sb = new StringBuilder();
            if (dataDir != null) {
                sb.append(DATA_PREFIX).append(dataDir.toAbsolutePath()).append('\n');
            }
            for (long p : pids) {
                if (p > 0) {
                    sb.append(p).append('\n');
                }
            }
            Path tmp = dir.resolve("." + ProcessHandle.current().pid() + ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, ownFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        } catch (IOException e) {
            return "cannot record node pids in " + dir + ": " + e;
        }
    }

    /** Forgets this harness's pids (its nodes were stopped, or are left running on purpose). */
    public void clear() {
        try {
            Files.deleteIfExists(ownFile());
        } catch (IOException e) {
            // a stale file is harmless: its pids are checked against the node main class before a kill
        }
    }

    /** Pids of other harnesses that are running now (they own their nodes and their iptables chain). */
    public List<Long> liveHarnesses() {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pids")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    long owner = Long.parseLong(name.substring(0, name.length() - ".pids".length()));
                    if (owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                        out.add(owner);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        } catch (IOException e) {
            // nothing known: treat as none
        }
        java.util.Collections.sort(out);
        return out;
    }

    /** Kills the nodes of dead harnesses and deletes their data directories; returns one line per thing removed. */
    public List<String> cleanup() throws IOException {
        List<String> killed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return killed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pids")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                long owner;
                try {
                    owner = Long.parseLong(name.substring(0, name.length() - ".pids".length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // a live harness owns these nodes
                }
                Path data = null;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.startsWith(DATA_PREFIX)) {
                        Path d = Path.of(line.substring(DATA_PREFIX.length()));
                        if (d.getFileName() != null && d.getFileName().toString().startsWith(LocalBackend.DATA_DIR_PREFIX)) {
                            data = d;
                        }
                        continue;
                    }
                    long pid;
                    try {
                        pid = Long.parseLong(line.strip());
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    Optional<ProcessHandle> h = ProcessHandle.of(pid);
                    if (h.isPresent() && h.get().isAlive() && isNode(h.get())) {
                        resume(pid); // a SIGSTOPped node must run again to die from SIGKILL's point of view of waiters
                        h.get().destroyForcibly();
                        killed.add("killed leftover node process " + pid + " of dead harness " + owner);
                    }
                }
                if (data != null && Files.isDirectory(data)) {
                    LocalBackend.deleteTree(data);
                    killed.add("deleted leftover data directory " + data + " of dead harness " + owner);
                }
                Files.deleteIfExists(f);
            }
        }
        return killed;
    }

    private static boolean isNode(ProcessHandle h) {
        // /proc first: ProcessHandle.Info truncates long command lines (a test's class path hides the main class)
        Path cmdline = Path.of("/proc", Long.toString(h.pid()), "cmdline");
        try {
            for (String a : new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0")) {
                if (a.equals(NODE_MAIN)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or the process is gone: ask the JDK
        }
        Optional<String[]> args = h.info().arguments();
        Optional<String> cmd = h.info().commandLine();
        if (args.isPresent()) {
            for (String a : args.get()) {
                if (a.equals(NODE_MAIN)) {
                    return true;
                }
            }
            return false;
        }
        return cmd.map(c -> c.contains(NODE_MAIN)).orElse(false);
    }

    private static void resume(long pid) {
        try {
            new ProcessBuilder("kill", "-CONT", Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // SIGKILL works on a stopped process too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
