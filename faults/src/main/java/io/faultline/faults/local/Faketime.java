package io.faultline.faults.local;

import io.faultline.core.Check;
import io.faultline.faults.ClockFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Clock offsets for processes that are not ours (no admin endpoint), through libfaketime with the
 * settings DESIGN §7 measured: {@code FAKETIME} unset, the offset read from a timestamp file on
 * every clock read ({@code FAKETIME_NO_CACHE=1}), and for JVMs both
 * {@code FAKETIME_DONT_FAKE_MONOTONIC=1} and {@code FAKETIME_FORCE_MONOTONIC_FIX=0}. Start the
 * process with {@link #env()} added to its environment; {@link #setOffsetMs} then moves its
 * wall clock at once (the file is replaced atomically). One instance per process.
 */
public final class Faketime {
    /** Debian's path of the library ({@code apt-get install libfaketime}). */
    public static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

    private final Path file;

    /** Uses {@code file} (created now with offset 0) as the process's timestamp file. */
    public Faketime(Path file) {
        this.file = Check.notNull(file, "file");
        setOffsetMs(0);
    }

    /** True when the library is installed here. */
    public static boolean available() {
        return Files.isReadable(LIBRARY);
    }

    /** The environment variables to start the process with. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LD_PRELOAD", LIBRARY.toString());
        env.put("FAKETIME_TIMESTAMP_FILE", file.toAbsolutePath().toString());
        env.put("FAKETIME_NO_CACHE", "1");
        env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
        return env;
    }

    /** Sets the process's wall clock to real time plus {@code offsetMs}. */
    public void setOffsetMs(long offsetMs) {
        Check.that(Math.abs(offsetMs) < 1_000_000_000_000L, "offsetMs out of range: %s", offsetMs);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".faketime", ".tmp");
            Files.writeString(tmp, spec(offsetMs) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the faketime file " + file, e);
        }
    }

    /** libfaketime's relative offset in seconds with millisecond digits, e.g. {@code +1.500} or {@code -0.250}. */
    static String spec(long offsetMs) {
        long abs = Math.abs(offsetMs);
        return (offsetMs < 0 ? "-" : "+") + abs / 1000 + "." + String.format(java.util.Locale.ROOT, "%03d", abs % 1000);
    }

    /** {@link ClockFaults} for black-box processes: node name to its faketime file. */
    public static ClockFaults clockFaults(Map<String, Faketime> perNode) {
        Map<String, Faketime> nodes = new TreeMap<>(perNode);
        return (node, offsetMs) -> {
            Faketime f = nodes.get(node);
            Check.that(f != null, "no faketime file for node %s (have %s)", node, nodes.keySet());
            f.setOffsetMs(offsetMs);
        };
    }
}
