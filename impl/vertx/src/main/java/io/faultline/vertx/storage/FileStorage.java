package io.faultline.vertx.storage;

import io.faultline.core.Check;
import io.faultline.core.runtime.Storage;
import io.vertx.core.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link Storage} on a real directory, used on one Vert.x context.
 *
 * <ul>
 *   <li>{@link #append} writes through a channel kept open per file (page cache, no fsync).</li>
 *   <li>{@link #write} stages the new content in memory (reads see it at once); the next
 *       {@link #sync} round writes {@code NAME.tmp}, fsyncs it, renames it over {@code NAME} and
 *       fsyncs the directory, so a crash leaves either the old or the new content.</li>
 *   <li>{@link #sync} is group commit: one round on the disk thread forces every file appended to
 *       since the previous round and applies the staged writes and deletes; every callback
 *       registered before the round started completes after it, on the node's context. Callbacks
 *       registered while a round runs wait for the next one. The event loop never waits for a
 *       disk flush.</li>
 * </ul>
 * An I/O error on the disk thread is fatal: {@code onFatal} runs on the context, and no later sync
 * completes (fail-stop), so nothing is acknowledged that may not be durable.
 */
public final class FileStorage implements Storage {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String TMP = ".tmp";
    private static final byte[] TOMBSTONE = new byte[0];

    private final Path dir;
    private final Context context;
    private final Consumer<Throwable> onFatal;
    private final ExecutorService disk;
    private final Map<String, byte[]> staged = new LinkedHashMap<>();
    private final Map<String, Appender> appenders = new LinkedHashMap<>();
    private final Set<Appender> dirty = new LinkedHashSet<>();
    private List<Runnable> waiting = new ArrayList<>();
    private boolean dirDirty;
    private boolean roundInFlight;
    private boolean failed;
    private volatile boolean closed;
    private long syncRounds;
    private long syncCallbacks;

    public FileStorage(Path dir, Context context, Consumer<Throwable> onFatal) {
        this.dir = Check.notNull(dir, "dir");
        this.context = Check.notNull(context, "context");
        this.onFatal = Check.notNull(onFatal, "onFatal");
        try {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (p.getFileName().toString().endsWith(TMP)) {
                        Files.delete(p); // an interrupted atomic write: the old file is still whole
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open storage directory " + dir, e);
        }
        this.disk = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "faultline-disk-" + dir.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    public Path directory() {
        return dir;
    }

    @Override
    public byte[] read(String name) {
        checkName(name);
        byte[] s = staged.get(name);
        if (s != null) {
            return s == TOMBSTONE ? null : s.clone();
        }
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
        }
    }

    @Override
    public void write(String name, byte[] bytes) {
        checkName(name);
        closeAppender(name);
        staged.put(name, bytes.clone());
    }

    @Override
    public void append(String name, byte[] bytes) {
        checkName(name);
        byte[] s = staged.get(name);
        if (s != null) {
            byte[] base = s == TOMBSTONE ? new byte[0] : s;
            byte[] joined = Arrays.copyOf(base, base.length + bytes.length);
            System.arraycopy(bytes, 0, joined, base.length, bytes.length);
            staged.put(name, joined);
            return;
        }
        Appender a = appender(name);
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                a.channel.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + dir.resolve(name), e);
        }
        dirty.add(a);
    }

    @Override
    public void truncate(String name, long sizeBytes) {
        checkName(name);
        Check.that(sizeBytes >= 0, "truncate %s to negative size %s", name, sizeBytes);
        byte[] s = staged.get(name);
        if (s != null) {
            long have = s == TOMBSTONE ? 0 : s.length;
            Check.that(sizeBytes <= have, "truncate %s to %s bytes, larger than its %s", name, sizeBytes, have);
            staged.put(name, s == TOMBSTONE ? TOMBSTONE : Arrays.copyOf(s, (int) sizeBytes));
            return;
        }
        long have = sizeBytes(name);
        Check.that(sizeBytes <= have, "truncate %s to %s bytes, larger than its %s", name, sizeBytes, have);
        if (sizeBytes == have) {
            return;
        }
        Appender a = appender(name);
        try {
            a.channel.truncate(sizeBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate " + dir.resolve(name), e);
        }
        dirty.add(a);
    }

    @Override
    public void delete(String name) {
        checkName(name);
        if (staged.containsKey(name)) {
            staged.put(name, TOMBSTONE);
            return;
        }
        closeAppender(name);
        try {
            if (Files.deleteIfExists(dir.resolve(name))) {
                dirDirty = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir.resolve(name), e);
        }
    }

    @Override
    public long sizeBytes(String name) {
        checkName(name);
        byte[] s = staged.get(name);
        if (s != null) {
            return s == TOMBSTONE ? 0 : s.length;
        }
        try {
            return Files.size(dir.resolve(name));
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + dir.resolve(name), e);
        }
    }

    @Override
    public List<String> list() {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(TMP)).forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Map.Entry<String, byte[]> e : staged.entrySet()) {
            if (e.getValue() == TOMBSTONE) {
                names.remove(e.getKey());
            } else {
                names.add(e.getKey());
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public void sync(Runnable onDurable) {
        Check.notNull(onDurable, "onDurable");
        waiting.add(onDurable);
        Check.that(!closed, "storage %s is closed", dir);
        if (!roundInFlight && !failed) {
            startRound();
        }
    }

    /** Completed sync rounds (each one fsync batch). */
    public long syncRounds() {
        return syncRounds;
    }

    /** Sync callbacks completed; divided by {@link #syncRounds} it is the group-commit batch size. */
    public long syncCallbacks() {
        return syncCallbacks;
    }

    /** Closes every file and stops the disk thread; pending syncs never complete. */
    public void close() {
        closed = true;
        for (String name : new ArrayList<>(appenders.keySet())) {
            closeAppender(name);
        }
        disk.shutdownNow();
    }

    private void startRound() {
        roundInFlight = true;
        List<Runnable> callbacks = waiting;
        waiting = new ArrayList<>();
        Map<String, byte[]> writes = new LinkedHashMap<>(staged);
        List<Appender> toForce = new ArrayList<>(dirty);
        dirty.clear();
        boolean dirChanged = dirDirty;
        dirDirty = false;
        disk.execute(() -> {
            Throwable error = null;
            try {
                flushToDisk(toForce, writes, dirChanged);
            } catch (Throwable t) {
                error = t;
            }
            Throwable e = error;
            context.runOnContext(v -> finishRound(callbacks, writes, e));
        });
    }

    private void flushToDisk(List<Appender> toForce, Map<String, byte[]> writes, boolean dirChanged) throws IOException {
        for (Appender a : toForce) {
            try {
                a.channel.force(false);
            } catch (ClosedChannelException e) {
                if (!a.closedByUs) {
                    throw e;
                }
            }
        }
        boolean renamed = dirChanged;
        for (Map.Entry<String, byte[]> e : writes.entrySet()) {
            Path target = dir.resolve(e.getKey());
            if (e.getValue() == TOMBSTONE) {
                renamed |= Files.deleteIfExists(target);
                continue;
            }
            Path tmp = dir.resolve(e.getKey() + TMP);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(e.getValue());
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            renamed = true;
        }
        if (renamed) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
    }

    private void finishRound(List<Runnable> callbacks, Map<String, byte[]> writes, Throwable error) {
        if (closed) {
            return;
        }
        if (error != null) {
            failed = true;
            onFatal.accept(new UncheckedIOException("sync of " + dir + " failed: " + error,
                    error instanceof IOException io ? io : new IOException(error)));
            return;
        }
        for (Map.Entry<String, byte[]> e : writes.entrySet()) {
            if (staged.get(e.getKey()) == e.getValue()) {
                staged.remove(e.getKey());
            }
        }
        roundInFlight = false;
        syncRounds++;
        syncCallbacks += callbacks.size();
        for (Runnable r : callbacks) {
            r.run();
        }
        if (!waiting.isEmpty() && !roundInFlight) {
            startRound();
        }
    }

    private Appender appender(String name) {
        Appender a = appenders.get(name);
        if (a == null) {
            Path p = dir.resolve(name);
            try {
                boolean existed = Files.exists(p);
                a = new Appender(FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
                dirDirty |= !existed;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + p, e);
            }
            appenders.put(name, a);
        }
        return a;
    }

    private void closeAppender(String name) {
        Appender a = appenders.remove(name);
        if (a != null) {
            a.closedByUs = true;
            dirty.remove(a);
            try {
                a.channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + dir.resolve(name), e);
            }
        }
    }

    private static void checkName(String name) {
        Check.that(name != null && NAME.matcher(name).matches(), "bad storage file name '%s'", name);
        Check.that(!name.endsWith(TMP), "storage file name '%s' may not end in %s", name, TMP);
    }

    private static final class Appender {
        final FileChannel channel;
        volatile boolean closedByUs;

        Appender(FileChannel channel) {
            this.channel = channel;
        }
    }
}
