package io.faultline.jepsen;

import io.faultline.harness.interp.HistorySink;
import io.faultline.histories.JsonLinesWriter;
import io.faultline.histories.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Streams the history to {@code history.jsonl}, one op per line, flushed at once: a harness killed
 * mid-run leaves every recorded op on disk except perhaps a torn last line.
 */
final class JsonlSink implements HistorySink, AutoCloseable {
    private final Writer out;
    private final JsonLinesWriter writer;
    private boolean closed;

    JsonlSink(Writer out) {
        this.out = out;
        this.writer = new JsonLinesWriter(out);
    }

    @Override
    public synchronized void record(Op op) {
        if (closed) {
            return; // an op of an abandoned call reported after the run: not part of the history
        }
        try {
            writer.write(op);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write history.jsonl", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
