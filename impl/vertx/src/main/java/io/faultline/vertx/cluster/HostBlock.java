package io.faultline.vertx.cluster;

import io.faultline.core.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive block of loopback addresses {@code 127.0.B.*} for one group of node processes, so
 * that two groups on one machine never share an address: the local nemeses cut, drop and delay
 * traffic by address, and would otherwise hit the other group's nodes too. Held through an OS
 * lock on {@code DIR/hosts-127.0.B.lock}, released by {@link #close} or when the process dies
 * (also by SIGKILL). Blocks are tried from {@link #FIRST} up; block 0 ({@code 127.0.0.*}) is left
 * to the benchmarks and tests that pick fixed addresses there.
 */
public final class HostBlock implements AutoCloseable {
    public static final int FIRST = 1;
    public static final int LAST = 254;

    private final int block;
    private final FileChannel channel;
    private final FileLock lock;

    private HostBlock(int block, FileChannel channel, FileLock lock) {
        this.block = block;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Where every run on this machine keeps the lock files: {@code $java.io.tmpdir/faultline-hosts}
     * (the addresses are the machine's, so the directory is not per run or per test).
     */
    public static Path standardDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "faultline-hosts");
    }

    /** The first free block, locked; fails naming {@code dir} when all are taken. */
    public static HostBlock acquire(Path dir) {
        try {
            Files.createDirectories(dir);
            for (int b = FIRST; b <= LAST; b++) {
                FileChannel ch = FileChannel.open(dir.resolve("hosts-127.0." + b + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // held by this JVM
                }
                if (l != null) {
                    return new HostBlock(b, ch, l);
                }
                ch.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock a loopback host block in " + dir, e);
        }
        throw new IllegalStateException("every loopback host block 127.0." + FIRST + "-" + LAST
                + ".* is held by another run (lock files in " + dir + ")");
    }

    public int block() {
        return block;
    }

    /** {@code 127.0.B.lastOctet}. */
    public String host(int lastOctet) {
        Check.inRange(lastOctet, 1, 254, "lastOctet");
        return "127.0." + block + "." + lastOctet;
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    @Override
    public String toString() {
        return "127.0." + block + ".*";
    }
}
