package io.faultline.vertx.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by processes (user + system), so a benchmark on a shared machine can report CPU
 * cost per operation, which other load does not distort the way it distorts wall-clock rates.
 */
final class CpuClock {
    /** Linux reports /proc times in clock ticks of 1/100 s (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClock() {}

    /** CPU nanoseconds used so far by this JVM. */
    static long selfNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU nanoseconds used so far by process {@code pid}, or -1 if unknown. */
    static long processNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": field 3 is state, so utime (field 14) is f[11] and stime (15) is f[12]
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
