package io.faultline.histories;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The plumbing shared by readers of one op per line: skips blank lines, counts lines and op
 * indexes, and builds errors that name the source and line. Subclasses parse one line's text.
 */
abstract class LineOpReader implements OpReader {
    private final BufferedReader in;
    private final String source;
    private long line;
    private long opLine;
    private long index;

    LineOpReader(Reader reader, String source) {
        this.in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        this.source = source;
    }

    @Override
    public final Op next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (!text.isBlank()) {
                break;
            }
        }
        if (text == null) {
            return null;
        }
        opLine = line;
        return parse(text);
    }

    /** The op on a non-blank line; malformed text throws an {@link #error}. */
    abstract Op parse(String text) throws IOException;

    /** The index for the next op (0, 1, 2, ...). */
    final long nextIndex() {
        return index++;
    }

    /** An error naming the source and the line being read. */
    final HistoryFormatException error(String message, Throwable cause) {
        return new HistoryFormatException(source, line, message, cause);
    }

    final HistoryFormatException error(String message) {
        return error(message, null);
    }

    @Override
    public final long line() {
        return opLine;
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }
}
