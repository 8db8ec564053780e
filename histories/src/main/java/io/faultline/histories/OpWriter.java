package io.faultline.histories;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/** A streaming writer of ops, one record per line. */
public interface OpWriter extends Closeable, Flushable {
    void write(Op op) throws IOException;
}
