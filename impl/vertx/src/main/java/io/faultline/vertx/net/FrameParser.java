package io.faultline.vertx.net;

import io.faultline.core.Check;
import io.faultline.core.codec.CodecException;
import io.faultline.core.codec.Records;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into {@link Frame}s. Bytes arrive in arbitrary pieces; a frame cut short
 * waits for more, while a frame that is complete but wrong (bad checksum, length above
 * {@code frameBytesMax}, undecodable payload) raises {@link FrameException} and the connection must
 * be closed: after corruption, frame boundaries can no longer be trusted.
 */
public final class FrameParser {
    private final int frameBytesMax;
    private byte[] buf = new byte[4096];
    private int start;
    private int end;
    private long streamOffset;

    public FrameParser(int frameBytesMax) {
        Check.inRange(frameBytesMax, 16, Records.PAYLOAD_BYTES_MAX, "frameBytesMax");
        this.frameBytesMax = frameBytesMax;
    }

    /** Thrown for a malformed frame; the message names the stream offset and the reason. */
    public static final class FrameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FrameException(String message) {
            super(message);
        }
    }

    /** Feeds {@code bytes} and hands every complete frame to {@code sink}, in order. */
    public void feed(byte[] bytes, Consumer<Frame> sink) {
        append(bytes);
        while (start < end) {
            int declared = declaredLength();
            if (declared > frameBytesMax) {
                throw new FrameException("frame at stream offset " + streamOffset + " declares " + declared
                        + " bytes, more than frameBytesMax " + frameBytesMax);
            }
            Records.ReadResult r = Records.read(buf, start, end);
            if (r instanceof Records.Torn) {
                return;
            }
            if (r instanceof Records.Corrupt c) {
                throw new FrameException("corrupt frame at stream offset " + streamOffset + ": " + c.reason());
            }
            Records.Ok ok = (Records.Ok) r;
            Frame frame;
            try {
                frame = Frame.decodePayload(ok.payload());
            } catch (CodecException e) {
                throw new FrameException("malformed frame at stream offset " + streamOffset + ": " + e.getMessage());
            }
            streamOffset += ok.nextOffset() - start;
            start = ok.nextOffset();
            sink.accept(frame);
        }
    }

    /** Bytes received but not yet part of a complete frame. */
    public int bufferedBytes() {
        return end - start;
    }

    /** The length varint at {@code start}, or -1 if it is not all here yet. */
    private int declaredLength() {
        long len = 0;
        int shift = 0;
        for (int p = start; p < end; p++) {
            len |= (long) (buf[p] & 0x7F) << shift;
            if ((buf[p] & 0x80) == 0) {
                return len > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) len;
            }
            shift += 7;
            if (shift > 35) {
                throw new FrameException("frame length varint too long at stream offset " + streamOffset);
            }
        }
        return -1;
    }

    private void append(byte[] bytes) {
        if (start == end) {
            start = 0;
            end = 0;
        }
        if (end + bytes.length > buf.length) {
            int live = end - start;
            if (live + bytes.length <= buf.length) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, live + bytes.length)];
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(bytes, 0, buf, end, bytes.length);
        end += bytes.length;
        if (start == 0 && end < buf.length / 8 && buf.length > 1 << 20) {
            buf = Arrays.copyOf(buf, Math.max(4096, end * 2));
        }
    }
}
