package io.faultline.dashboards;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.file.Path;

/**
 * Streams history.jsonl with Jackson's token parser (no object trees), from a byte offset up to
 * the last complete line (a live run's last line may be half written). Every problem names the
 * file and line.
 */
final class HistoryReader {
    /** One op's fields as the dashboards need them; value and error are kept as JSON text only on request. */
    static final class Line {
        long offset;
        long lineNo;
        long index = -1;
        long timeNs = -1;
        String type;
        String process;
        boolean nemesis;
        String f;
        String value;
        String node;
        String error;

        /** Forgets the fields of the previous line (offset and line number are set by the reader). */
        void clearFields() {
            index = -1;
            timeNs = -1;
            type = null;
            process = null;
            nemesis = false;
            f = null;
            value = null;
            node = null;
            error = null;
        }
    }

    interface Sink {
        /** Returns false to stop reading. */
        boolean line(Line l);
    }

    private HistoryReader() {}

    /** The file length up to and including its last newline. */
    static long completeLength(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            byte[] buf = new byte[8192];
            long pos = len;
            while (pos > 0) {
                int n = (int) Math.min(buf.length, pos);
                raf.seek(pos - n);
                raf.readFully(buf, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buf[i] == '\n') {
                        return pos - n + i + 1;
                    }
                }
                pos -= n;
            }
            return 0;
        }
    }

    /**
     * Reads lines from byte offset {@code from} (a line start; {@code firstLineNo} is its line
     * number) up to byte {@code to}. With {@code withValues}, value and error are kept as JSON text.
     */
    static void read(Path file, long from, long to, long firstLineNo, boolean withValues, Sink sink) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(from);
            InputStream in = new BufferedInputStream(new Bounded(Channels.newInputStream(raf.getChannel()), to - from), 1 << 16);
            try (JsonParser p = Json.FACTORY.createParser(in)) {
                Line l = new Line();
                JsonToken t;
                while (true) {
                    try {
                        t = p.nextToken();
                    } catch (JsonProcessingException e) {
                        throw error(file, firstLineNo, p, e.getOriginalMessage());
                    }
                    if (t == null) {
                        return;
                    }
                    long lineNo = firstLineNo + p.currentTokenLocation().getLineNr() - 1;
                    if (t != JsonToken.START_OBJECT) {
                        throw new StoreFormatException(file + " line " + lineNo + ": expected an op object, found " + t);
                    }
                    l.offset = from + p.currentTokenLocation().getByteOffset();
                    l.lineNo = lineNo;
                    try {
                        fields(p, l, withValues);
                    } catch (JsonProcessingException e) {
                        throw error(file, firstLineNo, p, e.getOriginalMessage());
                    }
                    if (l.type == null) {
                        throw new StoreFormatException(file + " line " + lineNo + ": op without \"type\"");
                    }
                    if (l.process == null) {
                        throw new StoreFormatException(file + " line " + lineNo + ": op without \"process\"");
                    }
                    if (!sink.line(l)) {
                        return;
                    }
                }
            }
        }
    }

    /** Reads the ops of one line's bytes (numbered lineNo) with Jackson; errors name file and line. */
    static void readBytes(Path file, byte[] bytes, long lineNo, Sink sink) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(bytes)) {
            Line l = new Line();
            JsonToken t;
            while (true) {
                try {
                    t = p.nextToken();
                    if (t == null) {
                        return;
                    }
                    if (t != JsonToken.START_OBJECT) {
                        throw new StoreFormatException(file + " line " + lineNo + ": expected an op object, found " + t);
                    }
                    fields(p, l, false);
                } catch (JsonProcessingException e) {
                    throw new StoreFormatException(file + " line " + lineNo + ": malformed JSON: " + e.getOriginalMessage());
                }
                if (l.type == null || l.process == null) {
                    throw new StoreFormatException(file + " line " + lineNo + ": op without \"" + (l.type == null ? "type" : "process") + "\"");
                }
                if (!sink.line(l)) {
                    return;
                }
            }
        }
    }

    private static StoreFormatException error(Path file, long firstLineNo, JsonParser p, String msg) {
        return new StoreFormatException(file + " line " + (firstLineNo + p.currentLocation().getLineNr() - 1)
                + ": malformed JSON: " + msg);
    }

    private static void fields(JsonParser p, Line l, boolean withValues) throws IOException {
        l.clearFields();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "index": l.index = p.getValueAsLong(-1); break;
                case "time": l.timeNs = p.getValueAsLong(-1); break;
                case "type": l.type = p.getValueAsString(); break;
                case "f": l.f = v == JsonToken.VALUE_STRING ? p.getText() : text(p, v); break;
                case "node": l.node = p.getValueAsString(); break;
                case "process":
                    if (v == JsonToken.VALUE_NUMBER_INT) {
                        l.process = p.getText();
                    } else {
                        l.process = text(p, v);
                        l.nemesis = true;
                    }
                    break;
                case "value":
                    if (withValues || l.nemesis) {
                        l.value = text(p, v);
                    } else {
                        p.skipChildren();
                    }
                    break;
                case "error":
                    if (withValues) {
                        l.error = text(p, v);
                    } else {
                        p.skipChildren();
                    }
                    break;
                default: p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseExceptionShim(p, "unterminated op object");
        }
    }

    private static String text(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v.isScalarValue()) {
            return p.getText();
        }
        return Json.MAPPER.readTree(p).toString();
    }

    private static final class JsonParseExceptionShim extends com.fasterxml.jackson.core.JsonParseException {
        private static final long serialVersionUID = 1L;

        JsonParseExceptionShim(JsonParser p, String msg) {
            super(p, msg);
        }
    }

    /** An input stream that ends after {@code limit} bytes. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
