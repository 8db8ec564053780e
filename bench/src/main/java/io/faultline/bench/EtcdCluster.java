package io.faultline.bench;

import io.faultline.core.Check;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An etcd cluster of separate {@code etcd} processes on loopback, member i on 127.0.0.(30+i) with
 * its data in {@code baseDir/etcd-i} and its log in {@code baseDir/etcd-i.log}. Durability is etcd's
 * default (WAL fsync on every commit; no {@code --unsafe-no-fsync}). Every member is SIGKILLed by
 * {@link #close} and by a JVM shutdown hook, so none outlives the bench.
 */
final class EtcdCluster implements AutoCloseable {
    private final Path binary;
    private final Path baseDir;
    private final List<String> clientUrls = new ArrayList<>();
    private final List<String> peerUrls = new ArrayList<>();
    private final Process[] processes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread hook = new Thread(this::killAll, "faultline-etcd-kill");

    EtcdCluster(Path binary, int members, Path baseDir) {
        Check.inRange(members, 1, 9, "members");
        this.binary = binary;
        this.baseDir = baseDir;
        this.processes = new Process[members];
        for (int i = 0; i < members; i++) {
            String host = host(i);
            clientUrls.add("http://" + host + ":" + freePort(host));
            peerUrls.add("http://" + host + ":" + freePort(host));
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The {@code etcd} binary on PATH, or null when there is none. */
    static Path findBinary() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "etcd");
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The first line of {@code etcd --version} (e.g. "etcd Version: 3.4.23"), or "unknown". */
    static String version(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            String first = out.lines().findFirst().orElse("").trim();
            return first.isEmpty() ? "unknown" : first;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    List<String> clientUrls() {
        return List.copyOf(clientUrls);
    }

    int size() {
        return processes.length;
    }

    long pid(int i) {
        Process p = processes[i];
        return p == null ? -1 : p.pid();
    }

    /** Starts every member and waits until each reports itself healthy (a leader is known). */
    void start(Duration timeout) {
        StringBuilder initial = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            initial.append(i == 0 ? "" : ",").append(name(i)).append('=').append(peerUrls.get(i));
        }
        for (int i = 0; i < size(); i++) {
            List<String> cmd = List.of(binary.toString(), "--name", name(i),
                    "--data-dir", baseDir.resolve("etcd-" + i).toString(),
                    "--listen-client-urls", clientUrls.get(i), "--advertise-client-urls", clientUrls.get(i),
                    "--listen-peer-urls", peerUrls.get(i), "--initial-advertise-peer-urls", peerUrls.get(i),
                    "--initial-cluster", initial.toString(), "--initial-cluster-token", "faultline-bench",
                    "--initial-cluster-state", "new", "--logger", "zap", "--log-level", "warn");
            try {
                Files.createDirectories(baseDir);
                processes[i] = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("etcd-" + i + ".log").toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start etcd member " + i + " (" + binary + ")", e);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < size(); i++) {
            while (!healthy(i)) {
                if (!processes[i].isAlive()) {
                    throw new IllegalStateException("etcd member " + i + " exited (code " + processes[i].exitValue()
                            + ") during start-up; see " + baseDir.resolve("etcd-" + i + ".log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("etcd member " + i + " not healthy within " + timeout + "; see "
                            + baseDir.resolve("etcd-" + i + ".log"));
                }
                sleep(50);
            }
        }
    }

    /** Kills every member. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the same
        }
    }

    private void killAll() {
        for (int i = 0; i < processes.length; i++) {
            Process p = processes[i];
            if (p != null) {
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                processes[i] = null;
            }
        }
    }

    private boolean healthy(int i) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(clientUrls.get(i) + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String name(int i) {
        return "m" + i;
    }

    private static String host(int i) {
        return "127.0.0." + (30 + i);
    }

    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
