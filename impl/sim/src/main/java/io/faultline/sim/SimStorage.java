package io.faultline.sim;

import io.faultline.core.Check;
import io.faultline.core.Rng;
import io.faultline.core.runtime.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * In-memory storage of one server incarnation. Writes are visible at once; a {@link #sync} captures
 * the current content, which becomes durable when the sync completes ({@code fsyncLatencyNanos}
 * later in virtual time, on the node's context). A crash keeps exactly the durable content, or
 * with torn writes also a random prefix of unsynced appends. Buffers are shared copy-on-write
 * between the visible and the durable view, so append-then-sync costs no whole-file copy. Internal
 * except for the sizes {@link Group} exposes.
 */
final class SimStorage implements Storage {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** A file's bytes; bytes below {@code frozen} are shared with a durable view and never mutated. */
    private static final class FileBuf {
        byte[] buf;
        int len;
        int frozen;
        /**
         * True while the file differs from its durable content only by appends, so a crash may
         * leave a torn prefix of them; false after an atomic write or a truncate until a sync that
         * covers it completes (an unsynced atomic write is lost whole, never torn).
         */
        boolean tearable;
        /** Bumped by truncate, so a sync completion can tell whether it still covers the file. */
        long generation;

        FileBuf(byte[] buf, int len, int frozen, boolean tearable) {
            this.buf = buf;
            this.len = len;
            this.frozen = frozen;
            this.tearable = tearable;
        }
    }

    /** An immutable view of a file's bytes [0, len). */
    private record Durable(byte[] buf, int len) {}

    private final Simulation sim;
    private final NodeContext ctx;
    private final TreeMap<String, FileBuf> files = new TreeMap<>();
    private final TreeMap<String, Durable> durable = new TreeMap<>();
    private final TreeSet<String> dirty = new TreeSet<>();

    SimStorage(Simulation sim, NodeContext ctx, Map<String, byte[]> image) {
        this.sim = sim;
        this.ctx = ctx;
        for (Map.Entry<String, byte[]> e : image.entrySet()) {
            byte[] b = e.getValue().clone();
            files.put(e.getKey(), new FileBuf(b, b.length, b.length, true));
            durable.put(e.getKey(), new Durable(b, b.length));
        }
    }

    private static String checkName(String name) {
        Check.notNull(name, "file name");
        Check.that(NAME.matcher(name).matches(), "bad file name '%s'", name);
        return name;
    }

    @Override
    public byte[] read(String name) {
        FileBuf f = files.get(checkName(name));
        return f == null ? null : Arrays.copyOf(f.buf, f.len);
    }

    @Override
    public void write(String name, byte[] bytes) {
        Check.notNull(bytes, "bytes");
        byte[] b = bytes.clone();
        files.put(checkName(name), new FileBuf(b, b.length, 0, false));
        dirty.add(name);
    }

    @Override
    public void append(String name, byte[] bytes) {
        Check.notNull(bytes, "bytes");
        FileBuf f = files.get(checkName(name));
        if (f == null) {
            f = new FileBuf(new byte[Math.max(64, bytes.length)], 0, 0, !durable.containsKey(name));
            files.put(name, f);
        }
        int need = f.len + bytes.length;
        if (need > f.buf.length || f.len < f.frozen) {
            byte[] nb = new byte[Math.max(need, f.buf.length * 2)];
            System.arraycopy(f.buf, 0, nb, 0, f.len);
            f.buf = nb;
            f.frozen = 0;
        }
        System.arraycopy(bytes, 0, f.buf, f.len, bytes.length);
        f.len = need;
        dirty.add(name);
    }

    @Override
    public void truncate(String name, long sizeBytes) {
        FileBuf f = files.get(checkName(name));
        Check.that(f != null, "truncate of missing file %s", name);
        Check.inRange(sizeBytes, 0, f.len, "truncate sizeBytes");
        f.len = (int) sizeBytes;
        f.tearable = false;
        f.generation++;
        dirty.add(name);
    }

    @Override
    public void delete(String name) {
        if (files.remove(checkName(name)) != null) {
            dirty.add(name);
        }
    }

    @Override
    public long sizeBytes(String name) {
        FileBuf f = files.get(checkName(name));
        return f == null ? 0 : f.len;
    }

    @Override
    public List<String> list() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public void sync(Runnable onDurable) {
        Check.notNull(onDurable, "onDurable");
        TreeMap<String, Durable> capture = new TreeMap<>();
        TreeMap<String, FileBuf> covered = new TreeMap<>();
        TreeMap<String, Long> coveredGeneration = new TreeMap<>();
        for (String name : dirty) {
            FileBuf f = files.get(name);
            if (f == null) {
                capture.put(name, null);
            } else {
                f.frozen = Math.max(f.frozen, f.len);
                capture.put(name, new Durable(f.buf, f.len));
                covered.put(name, f);
                coveredGeneration.put(name, f.generation);
            }
        }
        dirty.clear();
        sim.schedule(sim.options().fsyncLatencyNanos(), Event.SYNC, ctx, () -> {
            for (Map.Entry<String, Durable> e : capture.entrySet()) {
                if (e.getValue() == null) {
                    durable.remove(e.getKey());
                } else {
                    durable.put(e.getKey(), e.getValue());
                }
            }
            for (Map.Entry<String, FileBuf> e : covered.entrySet()) {
                FileBuf f = e.getValue();
                if (files.get(e.getKey()) == f && f.generation == coveredGeneration.get(e.getKey())) {
                    f.tearable = true; // only appends can have happened since this durable image
                }
            }
            onDurable.run();
        });
    }

    /** Size of {@code name} that would survive a crash now. */
    long durableSizeBytes(String name) {
        Durable d = durable.get(name);
        return d == null ? 0 : d.len;
    }

    /** Total bytes of all visible files. */
    long totalSizeBytes() {
        long sum = 0;
        for (FileBuf f : files.values()) {
            sum += f.len;
        }
        return sum;
    }

    /**
     * What survives a crash now: the durable content; with {@code torn}, each file whose visible
     * content extends its durable content also keeps a random prefix of the extension.
     */
    TreeMap<String, byte[]> crashImage(boolean torn, Rng rng) {
        TreeMap<String, byte[]> image = new TreeMap<>();
        for (Map.Entry<String, Durable> e : durable.entrySet()) {
            Durable d = e.getValue();
            image.put(e.getKey(), Arrays.copyOf(d.buf, d.len));
        }
        if (torn) {
            for (Map.Entry<String, FileBuf> e : files.entrySet()) {
                FileBuf f = e.getValue();
                Durable d = durable.get(e.getKey());
                int dlen = d == null ? 0 : d.len;
                if (f.tearable && f.len > dlen && (d == null || Arrays.equals(d.buf, 0, dlen, f.buf, 0, dlen))) {
                    int keep = (int) rng.between(dlen, f.len);
                    if (keep > dlen) {
                        image.put(e.getKey(), Arrays.copyOf(f.buf, keep));
                    }
                }
            }
        }
        return image;
    }
}
