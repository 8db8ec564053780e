package io.faultline.histories;

import clojure.lang.LineNumberingPushbackReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Jepsen 0.0.x log format of Porcupine's etcd corpus:
 * {@code INFO  jepsen.util - <process> :<type> :<f> <value>}, fields separated by tabs or spaces.
 * A value of {@code :timed-out} on a completion becomes {@code error :timed-out} with a nil value.
 * Blank lines are skipped; any other line is an error.
 */
public final class JepsenLogReader implements OpReader {
    private static final Pattern LINE = Pattern.compile(
            "^\\S+\\s+jepsen\\.util\\s+-\\s+(\\d+)\\s+:(\\S+)\\s+:(\\S+)\\s*(.*?)\\s*$");
    private static final Keyword TIMED_OUT = new Keyword("timed-out");

    private final BufferedReader in;
    private final String source;
    private long line;
    private long opLine;
    private long index;

    public JepsenLogReader(Reader reader, String source) {
        this.in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        this.source = source;
    }

    @Override
    public Op next() throws IOException {
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
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw new HistoryFormatException(source, line, "not a jepsen.util op line: " + abbreviate(text));
        }
        OpType type;
        try {
            type = OpType.parse(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(source, line, e.getMessage());
        }
        Object value = parseValue(m.group(4));
        Object error = null;
        if (type != OpType.INVOKE && TIMED_OUT.equals(value)) {
            error = TIMED_OUT;
            value = null;
        }
        long process = Long.parseLong(m.group(1));
        return new Op(index++, -1, type, process, m.group(3), value, null, error, null);
    }

    private Object parseValue(String text) throws HistoryFormatException {
        if (text.isEmpty()) {
            throw new HistoryFormatException(source, line, "missing value");
        }
        try {
            LineNumberingPushbackReader r = new LineNumberingPushbackReader(new StringReader(text));
            Object form = Edn.read(r);
            if (form == Edn.EOF) {
                throw new HistoryFormatException(source, line, "missing value");
            }
            int rest;
            while ((rest = r.read()) >= 0) {
                if (!Character.isWhitespace(rest)) {
                    throw new HistoryFormatException(source, line, "unexpected text after the value: " + abbreviate(text));
                }
            }
            return EdnValues.toJava(form);
        } catch (RuntimeException | IOException e) {
            if (e instanceof HistoryFormatException) {
                throw (HistoryFormatException) e;
            }
            throw new HistoryFormatException(source, line, "malformed value '" + abbreviate(text) + "': " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public long line() {
        return opLine;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
