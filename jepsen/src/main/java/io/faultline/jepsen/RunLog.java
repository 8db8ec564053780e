package io.faultline.jepsen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.time.Instant;

/**
 * The harness's log: every line goes to {@code run.log} with its UTC time, and to the user's
 * terminal. On a terminal the live progress line is redrawn in place ({@code \r}) and log lines
 * are printed above it; elsewhere (CI, a pipe) log lines are plain and progress appears as a log
 * line every {@link #PLAIN_PROGRESS_EVERY_MS}.
 */
final class RunLog implements AutoCloseable {
    static final long PLAIN_PROGRESS_EVERY_MS = 10_000;

    private final Writer file;
    private final PrintStream out;
    private final boolean terminal;
    private String progressLine = "";
    private long lastPlainProgressMs;
    private boolean closed;

    RunLog(Writer file, PrintStream out, boolean terminal) {
        this.file = file;
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void info(String message) {
        String line = Instant.now() + " " + message;
        if (file != null && !closed) {
            try {
                file.write(line + "\n");
                file.flush();
            } catch (IOException e) {
                out.println("faultline: cannot write run.log: " + e.getMessage());
            }
        }
        if (terminal) {
            out.print("\r\033[K" + message + "\n" + progressLine);
        } else {
            out.println(message);
        }
        out.flush();
    }

    /** Shows the progress line (redrawn on a terminal; a log line now and then otherwise). */
    synchronized void progress(String line, long nowMs) {
        if (terminal) {
            progressLine = line;
            out.print("\r\033[K" + line);
            out.flush();
        } else if (nowMs - lastPlainProgressMs >= PLAIN_PROGRESS_EVERY_MS) {
            lastPlainProgressMs = nowMs;
            info(line);
        }
    }

    /** Ends the progress line (the terminal's next output starts on a fresh line). */
    synchronized void endProgress() {
        if (terminal && !progressLine.isEmpty()) {
            out.print("\r\033[K");
            out.flush();
        }
        progressLine = "";
    }

    @Override
    public synchronized void close() {
        endProgress();
        if (file != null && !closed) {
            closed = true;
            try {
                file.close();
            } catch (IOException e) {
                // nothing left to log it to
            }
        }
    }
}
