package io.faultline.histories;

import java.io.Closeable;
import java.io.IOException;

/** A streaming reader of ops: call {@link #next()} until it returns null. */
public interface OpReader extends Closeable {
    /** The next op, or null at the end of input; malformed input throws {@link HistoryFormatException}. */
    Op next() throws IOException;

    /** The 1-based line on which the op last returned by {@link #next()} started. */
    long line();
}
