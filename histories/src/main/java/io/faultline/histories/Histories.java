package io.faultline.histories;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opening and reading history files of any supported format. */
public final class Histories {
    private Histories() {}

    /** Guesses the format from the name and the first non-blank characters. */
    public static HistoryFormat detect(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return HistoryFormat.JSONL;
        }
        if (name.endsWith(".edn")) {
            return HistoryFormat.EDN;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith(";")) {
                    continue;
                }
                if (t.startsWith("{\"")) {
                    return HistoryFormat.JSONL;
                }
                if (t.startsWith("{") || t.startsWith("[") || t.startsWith("(")) {
                    return HistoryFormat.EDN;
                }
                if (t.contains("jepsen.util")) {
                    return HistoryFormat.JEPSEN_LOG;
                }
                throw new HistoryFormatException(file.toString(), 1, "cannot tell the history format from: " + t);
            }
        }
        return name.endsWith(".log") ? HistoryFormat.JEPSEN_LOG : HistoryFormat.EDN;
    }

    public static OpReader open(Path file) throws IOException {
        return open(Files.newBufferedReader(file, StandardCharsets.UTF_8), detect(file), file.toString());
    }

    public static OpReader open(Reader reader, HistoryFormat format, String source) {
        switch (format) {
            case JSONL: return new JsonLinesReader(reader, source);
            case JEPSEN_LOG: return new JepsenLogReader(reader, source);
            default: return new EdnOpReader(reader, source);
        }
    }

    /** Reads a whole file into a paired {@link History}; every problem names the file and line. */
    public static History read(Path file) throws IOException {
        try (OpReader r = open(file)) {
            return readAll(r, file.toString());
        }
    }

    /** Reads everything from {@code r}; pairing errors name {@code source} and the op's line. */
    public static History readAll(OpReader r, String source) throws IOException {
        List<Op> ops = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        Op op;
        while ((op = r.next()) != null) {
            ops.add(op);
            lines.add(r.line());
        }
        try {
            return new History(ops);
        } catch (History.PairingException e) {
            throw new HistoryFormatException(source, lines.get(e.position()), e.getMessage(), e);
        }
    }

    /** Parses one EDN value (for example a model's initial state given on the command line). */
    public static Object parseEdnValue(String text) {
        clojure.lang.LineNumberingPushbackReader r =
                new clojure.lang.LineNumberingPushbackReader(new java.io.StringReader(text));
        Object form = Edn.read(r);
        if (form == Edn.EOF) {
            throw new IllegalArgumentException("empty EDN value");
        }
        return EdnValues.toJava(form);
    }

    /** Loads Clojure's EDN reader now, so its start-up is not paid inside a timed region. */
    public static void warmUp() {
        Edn.warmUp();
    }
}
