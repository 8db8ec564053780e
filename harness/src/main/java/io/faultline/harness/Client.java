package io.faultline.harness;

import io.faultline.harness.gen.Invocation;

/**
 * A client of the system under test, used by one interpreter thread at a time. {@code invoke}
 * performs the operation and says how it ended. It must bound its own time (return
 * {@link Completion#info} when the outcome is unknown); the interpreter also turns exceptions and
 * calls that outlive the op timeout into {@code info}, and then continues that thread with a new
 * process and a new client.
 */
public interface Client extends AutoCloseable {
    Completion invoke(Invocation op) throws Exception;

    /** Releases connections. Never throws. */
    @Override
    void close();
}
