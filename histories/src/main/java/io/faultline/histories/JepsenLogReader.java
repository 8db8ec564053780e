package io.faultline.histories;

import clojure.lang.LineNumberingPushbackReader;
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
public final class JepsenLogReader extends LineOpReader {
    private static final Pattern LINE = Pattern.compile(
            "^\\S+\\s+jepsen\\.util\\s+-\\s+(\\d+)\\s+:(\\S+)\\s+:(\\S+)\\s*(.*?)\\s*$");
    private static final Keyword TIMED_OUT = new Keyword("timed-out");


    public JepsenLogReader(Reader reader, String source) {
        super(reader, source);
    }

    @Override
    Op parse(String text) throws IOException {
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw error("not a jepsen.util op line: " + abbreviate(text));
        }
        OpType type;
        try {
            type = OpType.parse(m.group(2));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        Object value = parseValue(m.group(4));
        Object error = null;
        if (type != OpType.INVOKE && TIMED_OUT.equals(value)) {
            error = TIMED_OUT;
            value = null;
        }
        long process = Long.parseLong(m.group(1));
        return new Op(nextIndex(), -1, type, process, m.group(3), value, null, error, null);
    }

    private Object parseValue(String text) throws HistoryFormatException {
        if (text.isEmpty()) {
            throw error("missing value");
        }
        try {
            LineNumberingPushbackReader r = new LineNumberingPushbackReader(new StringReader(text));
            Object form = Edn.read(r);
            if (form == Edn.EOF) {
                throw error("missing value");
            }
            int rest;
            while ((rest = r.read()) >= 0) {
                if (!Character.isWhitespace(rest)) {
                    throw error("unexpected text after the value: " + abbreviate(text));
                }
            }
            return EdnValues.toJava(form);
        } catch (RuntimeException | IOException e) {
            if (e instanceof HistoryFormatException) {
                throw (HistoryFormatException) e;
            }
            throw error("malformed value '" + abbreviate(text) + "': " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
