package io.faultline.harness.interp;

import io.faultline.core.Check;
import io.faultline.histories.History;
import io.faultline.histories.JsonLinesWriter;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link HistorySink} that streams each op as one JSON line (byte for byte {@code histories}' {@link JsonLinesWriter}
 * format, docs/store.md's {@code history.jsonl}) and hands every line to the OS at once (a flush, or one unbuffered
 * write, per line), so a harness killed at any moment leaves a file whose lines are a prefix of the recorded history. Thread-safe. Counts completions (ok, fail, info)
 * and completions per 10 ms bucket over the last second, for progress lines.
 *
 * <p>With {@code keepOps} it also keeps every op in memory ({@link #ops()}, {@link #history()}) for checking at the
 * end; without it (long or fast runs, the benchmark) the caller re-reads the file with {@code Histories.read}. A
 * write error becomes an {@link UncheckedIOException} naming the file, which ends the interpreter's run: a history
 * that cannot be recorded is a harness error.
 */
public final class HistoryRecorder implements HistorySink, Closeable {
    private static final long BUCKET_NS = 10_000_000L;
    private static final int BUCKETS = 100;

    private final LineOut out;
    private final String name;
    private final List<Op> ops;
    private final long[] bucketId = new long[BUCKETS];
    private final long[] bucketCount = new long[BUCKETS];
    private long recorded;
    private long completions;
    private long ok;
    private long fail;
    private long info;
    private long lastTimeNs;
    private boolean closed;

    /** Counts at one moment. {@code ops} counts completions, as in progress.json. */
    public record Counts(long recorded, long ops, long ok, long fail, long info) {
    }

    /** Where lines go: a Writer, or (for files) an OutputStream written without a char encoder in between. */
    private interface LineOut {
        void writeLine(String line) throws IOException;

        void close() throws IOException;
    }

    /** Streams to {@code out}, flushing it after each line; {@code name} names it in errors (e.g. the file's path). */
    public HistoryRecorder(Writer out, String name, boolean keepOps) {
        this(writerOut(Check.notNull(out, "out")), name, keepOps);
    }

    /** Streams UTF-8 to {@code out}, one {@code write} call per line (so nothing is buffered in this process). */
    public HistoryRecorder(OutputStream out, String name, boolean keepOps) {
        this(streamOut(Check.notNull(out, "out")), name, keepOps);
    }

    private HistoryRecorder(LineOut out, String name, boolean keepOps) {
        this.out = out;
        this.name = Check.notNull(name, "name");
        this.ops = keepOps ? new ArrayList<>() : null;
        java.util.Arrays.fill(bucketId, -1);
    }

    /** Creates (or truncates) {@code file} and streams to it, one {@code write(2)} per line. */
    public static HistoryRecorder open(Path file, boolean keepOps) throws IOException {
        return new HistoryRecorder(Files.newOutputStream(file), file.toString(), keepOps);
    }

    private static LineOut writerOut(Writer w) {
        return new LineOut() {
            @Override
            public void writeLine(String line) throws IOException {
                w.write(line);
                w.write('\n');
                w.flush();
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    private static LineOut streamOut(OutputStream o) {
        return new LineOut() {
            @Override
            public void writeLine(String line) throws IOException {
                byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
                o.write(b);
                o.flush();
            }

            @Override
            public void close() throws IOException {
                o.close();
            }
        };
    }

    @Override
    public synchronized void record(Op op) {
        Check.that(!closed, "history %s is closed", name);
        try {
            out.writeLine(JsonLine.format(op));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history to " + name + " at op " + op.index(), e);
        }
        recorded++;
        if (ops != null) {
            ops.add(op);
        }
        if (op.timeNs() >= 0) {
            lastTimeNs = Math.max(lastTimeNs, op.timeNs());
        }
        if (op.type() == OpType.INVOKE) {
            return;
        }
        completions++;
        if (op.type() == OpType.OK) {
            ok++;
        } else if (op.type() == OpType.FAIL) {
            fail++;
        } else {
            info++;
        }
        long b = Math.max(0, op.timeNs()) / BUCKET_NS;
        int i = (int) (b % BUCKETS);
        if (bucketId[i] != b) {
            bucketId[i] = b;
            bucketCount[i] = 0;
        }
        bucketCount[i]++;
    }

    public synchronized Counts counts() {
        return new Counts(recorded, completions, ok, fail, info);
    }

    /** Completions whose time lies in the second up to {@code nowNs} (10 ms resolution). */
    public synchronized long completionsInLastSecond(long nowNs) {
        long nb = nowNs / BUCKET_NS;
        long sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketId[i] > nb - BUCKETS && bucketId[i] <= nb) {
                sum += bucketCount[i];
            }
        }
        return sum;
    }

    /** Completions in the second up to the newest recorded op's time. */
    public synchronized long completionsInLastSecond() {
        return completionsInLastSecond(lastTimeNs);
    }

    /** A copy of the ops recorded so far; only with {@code keepOps}. */
    public synchronized List<Op> ops() {
        Check.that(ops != null, "history %s keeps no ops in memory (keepOps false): read the file", name);
        return new ArrayList<>(ops);
    }

    /** The ops recorded so far as a paired {@link History}; only with {@code keepOps}. */
    public History history() {
        return new History(ops());
    }

    /** Flushes and closes the writer. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
