package io.faultline.vertx.net;

import io.faultline.core.codec.Records;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.function.Consumer;

/**
 * One TCP connection carrying {@link Frame}s, used on one context. Outgoing frames produced during
 * one callback are coalesced into a single socket write at the end of it. A malformed frame closes
 * the connection with a logged reason; the caller learns of any close through {@code onClose}.
 */
final class Connection {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final Context context;
    private final NetSocket socket;
    private final FrameParser parser;
    private final int frameBytesMax;
    private final String label;
    private Buffer out;
    private boolean flushScheduled;
    private boolean closed;
    private String badFrameReason;
    private Runnable onClose = () -> {};

    Connection(Context context, NetSocket socket, int frameBytesMax, int writeQueueBytesMax, String label) {
        this.context = context;
        this.socket = socket;
        this.parser = new FrameParser(frameBytesMax);
        this.frameBytesMax = frameBytesMax;
        this.label = label;
        socket.setWriteQueueMaxSize(writeQueueBytesMax);
        socket.closeHandler(v -> markClosed());
        socket.exceptionHandler(e -> close("socket error: " + e, System.Logger.Level.INFO));
    }

    /** Starts reading; frames go to {@code onFrame}, the close (whatever its cause) to {@code onClose}. */
    void start(Consumer<Frame> onFrame, Runnable onClose) {
        this.onClose = onClose;
        socket.handler(buffer -> {
            if (closed) {
                return;
            }
            try {
                parser.feed(buffer.getBytes(), frame -> {
                    if (!closed) {
                        onFrame.accept(frame);
                    }
                });
            } catch (FrameParser.FrameException e) {
                badFrameReason = e.getMessage();
                close(e.getMessage());
            }
        });
    }

    /**
     * Queues {@code frame}; returns false (and sends nothing) if the connection is closed, the frame
     * is too large, or the socket's write queue is full.
     */
    boolean send(Frame frame) {
        if (closed || socket.writeQueueFull()) {
            return false;
        }
        byte[] payload = Frame.encodePayload(frame);
        if (payload.length > frameBytesMax) {
            LOG.log(System.Logger.Level.WARNING, "{0}: not sending a frame of {1} bytes (frameBytesMax {2})",
                    label, payload.length, frameBytesMax);
            return false;
        }
        if (out == null) {
            out = Buffer.buffer(payload.length + 16);
        }
        out.appendBytes(Records.encode(payload));
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
        return true;
    }

    /** Writes raw bytes as they are (tests use this to send corrupt frames). */
    void sendRaw(byte[] bytes) {
        if (!closed) {
            socket.write(Buffer.buffer(bytes));
        }
    }

    /** Why a malformed frame closed this connection, or null. */
    String badFrameReason() {
        return badFrameReason;
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the connection, logging why (at WARNING: something went wrong). */
    void close(String reason) {
        close(reason, System.Logger.Level.WARNING);
    }

    /** Closes the connection, logging why at {@code level}. */
    void close(String reason, System.Logger.Level level) {
        if (closed) {
            return;
        }
        LOG.log(level, "{0}: closing connection: {1}", label, reason);
        Buffer pending = out;
        out = null;
        if (pending != null) {
            socket.write(pending); // replies produced before the close still go out, in order
        }
        socket.close();
        markClosed();
    }

    private void flush() {
        flushScheduled = false;
        Buffer b = out;
        out = null;
        if (b != null && !closed) {
            socket.write(b);
        }
    }

    private void markClosed() {
        if (!closed) {
            closed = true;
            out = null;
            onClose.run();
        }
    }
}
