package io.faultline.kvsrv;

import io.faultline.core.codec.CodecException;
import io.faultline.core.runtime.Runtime;

/**
 * The lab-2 single server as a core on the Runtime SPI: serves {@code "KV"} requests from a
 * {@link KvStore}. Keeps no per-client state. Oversized requests get ErrTooLarge, malformed ones
 * ErrBadRequest, each with a message; the server keeps serving.
 */
public final class KvServer {
    public static final String SERVICE = "KV";

    private final KvStore store = new KvStore();
    private final KvLimits limits;
    private boolean killed;

    public KvServer(Runtime runtime, KvLimits limits) {
        this.limits = limits;
        runtime.transport().serve(SERVICE, (from, request, responder) -> responder.reply(handle(request)));
    }

    /** Decodes, checks and applies one request; returns the encoded reply. */
    public byte[] handle(byte[] request) {
        KvRequest r;
        try {
            r = KvCodec.decodeRequest(request);
        } catch (CodecException e) {
            return KvCodec.encode(KvReply.refused(Err.ErrBadRequest, "malformed request: " + e.getMessage()));
        }
        String violation = limits.violation(r);
        if (violation != null) {
            return KvCodec.encode(KvReply.refused(Err.ErrTooLarge, violation));
        }
        return KvCodec.encode(store.apply(r));
    }

    /** Keys held (for tests and status). */
    public int keyCount() {
        return store.size();
    }

    /** The lab's Kill may be a no-op; marks the server dead for status. */
    public void kill() {
        killed = true;
    }

    public boolean isKilled() {
        return killed;
    }
}
