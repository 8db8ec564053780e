package io.faultline.histories;

import java.io.IOException;
import java.io.Writer;

/** The plumbing shared by writers of one op per line; subclasses format one op as a line's text. */
abstract class LineOpWriter implements OpWriter {
    private final Writer out;

    LineOpWriter(Writer out) {
        this.out = out;
    }

    @Override
    public final void write(Op op) throws IOException {
        out.write(line(op));
        out.write('\n');
    }

    /** One op's text, without the line end. */
    abstract String line(Op op) throws IOException;

    @Override
    public final void flush() throws IOException {
        out.flush();
    }

    @Override
    public final void close() throws IOException {
        out.close();
    }
}
