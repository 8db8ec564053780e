package io.faultline.mapreduce.app;

import io.faultline.core.Check;
import java.nio.file.Path;

/**
 * What an app may know about the process it runs in: the working directory (where the
 * {@code mr-worker-*} marker files of the timing and job-count apps live), the process id, and
 * how to die abruptly (the crash app).
 */
public record AppContext(Path workDir, long pid, Crasher crasher) {
    public AppContext {
        Check.notNull(workDir, "workDir");
        Check.notNull(crasher, "crasher");
    }

    /** Ends the process at once, as a crash would: no shutdown hooks, no flushing. */
    @FunctionalInterface
    public interface Crasher {
        void crash();
    }

    /** The context of the current process, running in its current directory. */
    public static AppContext forThisProcess() {
        return new AppContext(Path.of("").toAbsolutePath(), ProcessHandle.current().pid(),
                () -> java.lang.Runtime.getRuntime().halt(1));
    }
}
