package io.faultline.mapreduce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the coordinator listens: {@code host:port}. The coordinator publishes it in
 * {@value #FILE_NAME} in its working directory while it runs (like 6.5840's socket file, whose
 * existence tells the crash test to keep restarting workers) and removes it when it exits.
 */
public record CoordinatorAddress(String host, int port) {
    public static final String FILE_NAME = "mr-coordinator.addr";

    public CoordinatorAddress {
        if (port < 1 || port > 65535) {
            throw new UsageException("coordinator port " + port + " is outside 1..65535");
        }
        if (!io.faultline.vertx.net.Endpoint.isLoopback(host)) {
            throw new UsageException("coordinator host " + host + " is not a literal loopback IPv4 address (127.0.0.0/8)");
        }
    }

    public static CoordinatorAddress parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new UsageException("bad coordinator address '" + text + "': expected HOST:PORT");
        }
        try {
            return new CoordinatorAddress(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new UsageException("bad coordinator address '" + text + "': port is not a number");
        }
    }

    /** The address in {@code file}, or null if the file does not exist. */
    public static CoordinatorAddress readFile(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return null;
        } catch (UsageException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the address to {@code file} atomically. */
    public void writeFile(Path file) throws IOException {
        Path temp = file.resolveSibling("mr-tmp-addr-" + ProcessHandle.current().pid());
        Files.writeString(temp, toString() + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
