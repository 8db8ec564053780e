package io.faultline.raft.testing;

import io.faultline.core.runtime.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** An in-memory {@link Storage} fake: writes apply at once; sync callbacks run when {@link #runSyncs} is called. */
public final class MemStorage implements Storage {
    private final TreeMap<String, byte[]> files = new TreeMap<>();
    private final List<Runnable> pendingSyncs = new ArrayList<>();
    public int syncCount;

    @Override
    public byte[] read(String name) {
        byte[] b = files.get(name);
        return b == null ? null : b.clone();
    }

    @Override
    public void write(String name, byte[] bytes) {
        files.put(name, bytes.clone());
    }

    @Override
    public void append(String name, byte[] bytes) {
        byte[] old = files.getOrDefault(name, new byte[0]);
        byte[] n = Arrays.copyOf(old, old.length + bytes.length);
        System.arraycopy(bytes, 0, n, old.length, bytes.length);
        files.put(name, n);
    }

    @Override
    public void truncate(String name, long sizeBytes) {
        byte[] old = files.getOrDefault(name, new byte[0]);
        files.put(name, Arrays.copyOf(old, (int) Math.min(old.length, sizeBytes)));
    }

    @Override
    public void delete(String name) {
        files.remove(name);
    }

    @Override
    public long sizeBytes(String name) {
        byte[] b = files.get(name);
        return b == null ? 0 : b.length;
    }

    @Override
    public List<String> list() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public void sync(Runnable onDurable) {
        syncCount++;
        pendingSyncs.add(onDurable);
    }

    public void runSyncs() {
        List<Runnable> now = new ArrayList<>(pendingSyncs);
        pendingSyncs.clear();
        now.forEach(Runnable::run);
    }

    /** Direct access for corruption tests. */
    public byte[] raw(String name) {
        return files.get(name);
    }

    public void putRaw(String name, byte[] bytes) {
        files.put(name, bytes);
    }

    /** A copy of the files (what a crash keeps here: everything written). */
    public MemStorage copy() {
        MemStorage m = new MemStorage();
        files.forEach((k, v) -> m.files.put(k, v.clone()));
        return m;
    }
}
