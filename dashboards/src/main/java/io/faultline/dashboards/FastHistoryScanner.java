package io.faultline.dashboards;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary pass over history.jsonl at close to the speed of reading it: a byte-level scanner
 * for the top-level fields the summary needs (index, time, type, process, f; value only for the
 * nemesis), skipping everything else by bracket matching. A line it does not fully understand
 * (escapes, fractions, odd shapes) goes to Jackson ({@link HistoryReader}), which also names the
 * file and line of anything malformed. Reads between two byte offsets that are line starts.
 */
final class FastHistoryScanner {
    static final int CHUNK_BYTES = 4 << 20;
    static final int LINE_BYTES_MAX = 64 << 20;
    private static final String[] SMALL_IDS = new String[4096];

    static {
        for (int i = 0; i < SMALL_IDS.length; i++) {
            SMALL_IDS[i] = Integer.toString(i);
        }
    }

    private final Path file;
    private final HistoryReader.Sink sink;
    private final HistoryReader.Line line = new HistoryReader.Line();
    private final List<byte[]> fBytes = new ArrayList<>();
    private final List<String> fStrings = new ArrayList<>();
    private byte[] buf;
    private int pos;

    private FastHistoryScanner(Path file, HistoryReader.Sink sink) {
        this.file = file;
        this.sink = sink;
    }

    /** Scans [from, to) (from is a line start with number firstLineNo); returns the next line number. */
    static long scan(Path file, long from, long to, long firstLineNo, HistoryReader.Sink sink) throws IOException {
        return new FastHistoryScanner(file, sink).run(from, to, firstLineNo);
    }

    private long run(long from, long to, long firstLineNo) throws IOException {
        long lineNo = firstLineNo;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"); FileChannel ch = raf.getChannel()) {
            ByteBuffer bb = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(1, to - from)));
            long filePos = from; // file offset of bb's first byte
            long readPos = from;
            while (readPos < to || bb.position() > 0) {
                if (readPos < to && bb.hasRemaining()) {
                    int lim = (int) Math.min(bb.remaining(), to - readPos);
                    ByteBuffer slice = bb.duplicate();
                    slice.limit(bb.position() + lim);
                    int n = ch.read(slice, readPos);
                    if (n < 0) {
                        throw new IOException(file + ": ended at byte " + readPos + ", before " + to);
                    }
                    bb.position(bb.position() + n);
                    readPos += n;
                }
                buf = bb.array();
                int end = bb.position();
                int start = 0;
                int nl;
                while ((nl = indexOf(buf, start, end)) >= 0) {
                    if (!line(start, nl, filePos + start, lineNo)) {
                        return lineNo + 1;
                    }
                    lineNo++;
                    start = nl + 1;
                }
                if (start == 0 && end == buf.length) {
                    if (buf.length >= LINE_BYTES_MAX) {
                        throw new StoreFormatException(file + " line " + lineNo + ": longer than " + LINE_BYTES_MAX + " bytes");
                    }
                    ByteBuffer bigger = ByteBuffer.allocate(buf.length * 2);
                    bigger.put(buf, 0, end);
                    bb = bigger;
                    continue;
                }
                if (readPos >= to) {
                    if (start < end) { // a last line without newline (callers pass complete lines; be safe)
                        if (line(start, end, filePos + start, lineNo)) {
                            lineNo++;
                        }
                    }
                    break;
                }
                System.arraycopy(buf, start, buf, 0, end - start);
                bb.position(end - start);
                filePos += start;
            }
        }
        return lineNo;
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean line(int start, int end, long offset, long lineNo) throws IOException {
        int e = end;
        if (e > start && buf[e - 1] == '\r') {
            e--;
        }
        pos = start;
        skipWs(e);
        if (pos == e) {
            return true; // blank line
        }
        HistoryReader.Line l = line;
        long objectOffset = offset + (pos - start);
        if (!fast(e, l)) {
            // the slow, exact path: Jackson on this one line (and its error messages)
            byte[] one = java.util.Arrays.copyOfRange(buf, start, end);
            HistoryReader.Line[] got = new HistoryReader.Line[1];
            HistoryReader.readBytes(file, one, lineNo, x -> {
                got[0] = x;
                return true;
            });
            if (got[0] == null) {
                return true;
            }
            l = got[0];
        }
        l.offset = objectOffset;
        l.lineNo = lineNo;
        return sink.line(l);
    }

    /** Parses one line's top-level fields; false when the line needs the exact parser. */
    private boolean fast(int e, HistoryReader.Line l) {
        l.clearFields();
        if (buf[pos++] != '{') {
            return false;
        }
        skipWs(e);
        if (pos < e && buf[pos] == '}') {
            pos++;
            return false; // an empty object: let the exact parser complain
        }
        while (pos < e) {
            skipWs(e);
            if (pos >= e || buf[pos] != '"') {
                return false;
            }
            int ks = ++pos;
            while (pos < e && buf[pos] != '"') {
                if (buf[pos] == '\\') {
                    return false;
                }
                pos++;
            }
            if (pos >= e) {
                return false;
            }
            int ke = pos++;
            skipWs(e);
            if (pos >= e || buf[pos++] != ':') {
                return false;
            }
            skipWs(e);
            if (pos >= e) {
                return false;
            }
            int klen = ke - ks;
            byte k0 = klen > 0 ? buf[ks] : 0;
            if (klen == 5 && k0 == 'i' && is(ks, "index")) {
                if ((l.index = number(e)) == Long.MIN_VALUE) {
                    return false;
                }
            } else if (klen == 4 && k0 == 't' && is(ks, "time")) {
                if ((l.timeNs = number(e)) == Long.MIN_VALUE) {
                    return false;
                }
            } else if (klen == 4 && k0 == 't' && is(ks, "type")) {
                if ((l.type = type(e)) == null) {
                    return false;
                }
            } else if (klen == 7 && k0 == 'p' && is(ks, "process")) {
                if (buf[pos] == '"') {
                    int s = pos + 1;
                    if (!skipString(e)) {
                        return false;
                    }
                    l.process = new String(buf, s, pos - 1 - s, StandardCharsets.UTF_8);
                    l.nemesis = true;
                } else {
                    long p = number(e);
                    if (p == Long.MIN_VALUE) {
                        return false;
                    }
                    l.process = p >= 0 && p < SMALL_IDS.length ? SMALL_IDS[(int) p] : Long.toString(p);
                }
            } else if (klen == 1 && k0 == 'f') {
                if (buf[pos] != '"') {
                    return false;
                }
                int s = pos + 1;
                if (!skipString(e)) {
                    return false;
                }
                l.f = f(s, pos - 1);
            } else {
                int vs = pos;
                if (!skipValue(e)) {
                    return false;
                }
                if (klen == 5 && k0 == 'v' && is(ks, "value") && l.nemesis) {
                    l.value = buf[vs] == '"' ? new String(buf, vs + 1, pos - vs - 2, StandardCharsets.UTF_8)
                            : new String(buf, vs, pos - vs, StandardCharsets.UTF_8);
                    if ("null".equals(l.value)) {
                        l.value = null;
                    }
                }
            }
            skipWs(e);
            if (pos >= e) {
                return false;
            }
            byte c = buf[pos++];
            if (c == '}') {
                skipWs(e);
                return pos == e && l.type != null && l.process != null;
            }
            if (c != ',') {
                return false;
            }
        }
        return false;
    }

    private boolean is(int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (buf[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void skipWs(int e) {
        while (pos < e && (buf[pos] == ' ' || buf[pos] == '\t' || buf[pos] == '\r')) {
            pos++;
        }
    }

    /** An integer, or Long.MIN_VALUE when the value is not a plain integer. */
    private long number(int e) {
        boolean neg = pos < e && buf[pos] == '-';
        if (neg) {
            pos++;
        }
        int s = pos;
        long v = 0;
        while (pos < e && buf[pos] >= '0' && buf[pos] <= '9') {
            if (pos - s >= 18) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (buf[pos++] - '0');
        }
        if (pos == s || (pos < e && (buf[pos] == '.' || buf[pos] == 'e' || buf[pos] == 'E'))) {
            return Long.MIN_VALUE;
        }
        return neg ? -v : v;
    }

    private String type(int e) {
        if (buf[pos] != '"') {
            return null;
        }
        int s = pos + 1;
        if (!skipString(e)) {
            return null;
        }
        int len = pos - 1 - s;
        if (len == 6 && is(s, "invoke")) {
            return "invoke";
        }
        if (len == 2 && is(s, "ok")) {
            return "ok";
        }
        if (len == 4 && is(s, "fail")) {
            return "fail";
        }
        if (len == 4 && is(s, "info")) {
            return "info";
        }
        return new String(buf, s, len, StandardCharsets.UTF_8); // unknown: the aggregator names it
    }

    private String f(int s, int e) {
        int len = e - s;
        for (int i = 0; i < fBytes.size(); i++) {
            byte[] b = fBytes.get(i);
            if (b.length == len && java.util.Arrays.equals(b, 0, len, buf, s, e)) {
                return fStrings.get(i);
            }
        }
        String str = new String(buf, s, len, StandardCharsets.UTF_8);
        if (fBytes.size() < 64) {
            fBytes.add(java.util.Arrays.copyOfRange(buf, s, e));
            fStrings.add(str);
        }
        return str;
    }

    /** Skips a string starting at pos (a quote); false on an escape (the exact parser decodes those). */
    private boolean skipString(int e) {
        pos++;
        while (pos < e) {
            byte c = buf[pos++];
            if (c == '"') {
                return true;
            }
            if (c == '\\') {
                return false;
            }
        }
        return false;
    }

    /** Skips any JSON value by bracket matching (strings may hold escapes here). */
    private boolean skipValue(int e) {
        byte c = buf[pos];
        if (c == '"') {
            pos++;
            while (pos < e) {
                byte x = buf[pos++];
                if (x == '\\') {
                    pos++;
                } else if (x == '"') {
                    return true;
                }
            }
            return false;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            long objects = 0; // bit i set: the bracket at depth i is an object
            while (pos < e) {
                byte x = buf[pos++];
                if (x == '"') {
                    while (pos < e) {
                        byte y = buf[pos++];
                        if (y == '\\') {
                            pos++;
                        } else if (y == '"') {
                            break;
                        }
                    }
                } else if (x == '{' || x == '[') {
                    if (depth == 63) {
                        return false;
                    }
                    objects = x == '{' ? objects | (1L << depth) : objects & ~(1L << depth);
                    depth++;
                } else if (x == '}' || x == ']') {
                    if (depth == 0 || ((objects >>> (depth - 1)) & 1) != (x == '}' ? 1 : 0)) {
                        return false; // mismatched: the exact parser reports it
                    }
                    if (--depth == 0) {
                        return true;
                    }
                }
            }
            return false;
        }
        for (String lit : LITERALS) {
            if (pos + lit.length() <= e && is(pos, lit)) {
                pos += lit.length();
                return true;
            }
        }
        int s = pos;
        while (pos < e && ((buf[pos] >= '0' && buf[pos] <= '9') || buf[pos] == '-' || buf[pos] == '+' || buf[pos] == '.'
                || buf[pos] == 'e' || buf[pos] == 'E')) {
            pos++;
        }
        return pos > s; // anything else is not a JSON value: the exact parser reports it
    }

    private static final String[] LITERALS = {"true", "false", "null"};
}
