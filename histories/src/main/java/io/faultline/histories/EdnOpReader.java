package io.faultline.histories;

import clojure.lang.LineNumberingPushbackReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;

/**
 * Reads EDN op maps through Clojure's EDN reader: either a sequence of top-level maps (Jepsen
 * {@code history.edn}, Porcupine's kv files: one map per line) or a single vector or list of maps
 * (Knossos data files), which may span lines and carry {@code ;} comments.
 */
public final class EdnOpReader implements OpReader {
    private final LineNumberingPushbackReader in;
    private final String source;
    private long index;
    private long line;
    /** Start line of the form being read, or 0 between forms. */
    private long formLine;
    private int mode; // 0: undecided, 1: top-level forms, 2: inside a collection, 3: done
    private char closer;

    public EdnOpReader(Reader reader, String source) {
        this.in = new LineNumberingPushbackReader(reader);
        this.source = source;
    }

    @Override
    public Op next() throws IOException {
        try {
            return nextOp();
        } catch (HistoryFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new HistoryFormatException(source, formLine > 0 ? formLine : in.getLineNumber(), "malformed EDN: " + msg, e);
        }
    }

    private Op nextOp() throws IOException {
        if (mode == 3) {
            return null;
        }
        int c = skipBlank();
        if (mode == 0) {
            if (c == '[' || c == '(') {
                mode = 2;
                closer = c == '[' ? ']' : ')';
                c = skipBlank();
            } else {
                mode = 1;
            }
        }
        if (c < 0) {
            if (mode == 2) {
                throw new HistoryFormatException(source, in.getLineNumber(), "end of input inside the op collection (missing '" + closer + "')");
            }
            mode = 3;
            return null;
        }
        if (mode == 2 && c == closer) {
            int rest = skipBlank();
            if (rest >= 0) {
                throw new HistoryFormatException(source, in.getLineNumber(), "unexpected data after the closing '" + closer + "'");
            }
            mode = 3;
            return null;
        }
        if (c != '{') {
            throw new HistoryFormatException(source, in.getLineNumber(), "expected an op map '{', found '" + (char) c + "'");
        }
        in.unread(c);
        line = in.getLineNumber();
        formLine = line;
        Object form = Edn.read(in);
        formLine = 0;
        if (form == Edn.EOF) {
            throw new HistoryFormatException(source, line, "unexpected end of input");
        }
        Object v = EdnValues.toJava(form);
        if (!(v instanceof Map)) {
            throw new HistoryFormatException(source, line, "expected an op map, found " + v);
        }
        try {
            return OpFields.toOp((Map<?, ?>) v, index++);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(source, line, e.getMessage(), e);
        }
    }

    /** Skips whitespace, commas and ; comments; returns the next char (consumed) or -1. */
    private int skipBlank() throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            if (c == ';') {
                while (c >= 0 && c != '\n') {
                    c = in.read();
                }
                continue;
            }
            if (Character.isWhitespace(c) || c == ',') {
                continue;
            }
            return c;
        }
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
