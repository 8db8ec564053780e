package io.faultline.histories;

import java.io.IOException;

/** Malformed history input: names the file (or source) and the 1-based line. */
public final class HistoryFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long line;

    public HistoryFormatException(String source, long line, String message, Throwable cause) {
        super(source + ":" + line + ": " + message, cause);
        this.source = source;
        this.line = line;
    }

    public HistoryFormatException(String source, long line, String message) {
        this(source, line, message, null);
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }
}
