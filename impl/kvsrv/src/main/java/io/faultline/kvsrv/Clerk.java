package io.faultline.kvsrv;

import io.faultline.core.Check;

/**
 * The lab-2 clerk for one server. Get retries forever on RPC failure. Put retries too; ErrVersion
 * on a resent Put becomes ErrMaybe, because the earlier attempt may have applied (spec §4.1).
 */
public final class Clerk implements KvClerk {
    /** Which clerk: the correct one, or a planted bug for qualifying the test suite. */
    public enum Variant {
        CORRECT("kvsrv", "the correct clerk"),
        BUG_ERRVERSION_AFTER_RESEND("bug-errversion-after-resend",
                "planted bug: returns ErrVersion instead of ErrMaybe when a resent Put gets ErrVersion");

        public final String label;
        public final String description;

        Variant(String label, String description) {
            this.label = label;
            this.description = description;
        }
    }

    private final ClerkTransport transport;
    private final String server;
    private final Variant variant;

    public Clerk(ClerkTransport transport, String server) {
        this(transport, server, Variant.CORRECT);
    }

    public Clerk(ClerkTransport transport, String server, Variant variant) {
        this.transport = Check.notNull(transport, "transport");
        this.server = Check.notNull(server, "server");
        this.variant = Check.notNull(variant, "variant");
    }

    @Override
    public GetResult get(String key) {
        byte[] req = KvCodec.encode(new KvRequest.Get(key));
        while (true) {
            byte[] bytes = transport.call(server, KvServer.SERVICE, req);
            if (bytes != null) {
                KvReply r = refuseOrPass(KvCodec.decodeReply(bytes));
                return new GetResult(r.value(), r.version(), r.err());
            }
        }
    }

    @Override
    public Err put(String key, String value, long version) {
        byte[] req = KvCodec.encode(new KvRequest.Put(key, value, version));
        boolean resent = false;
        while (true) {
            byte[] bytes = transport.call(server, KvServer.SERVICE, req);
            if (bytes == null) {
                resent = true;
                continue;
            }
            Err err = refuseOrPass(KvCodec.decodeReply(bytes)).err();
            if (err == Err.ErrVersion && resent && variant == Variant.CORRECT) {
                return Err.ErrMaybe;
            }
            return err;
        }
    }

    /** A refusal (oversized or malformed request) is the caller's bug: fail loudly with the server's message. */
    static KvReply refuseOrPass(KvReply r) {
        if (r.err() == Err.ErrTooLarge || r.err() == Err.ErrBadRequest) {
            throw new IllegalArgumentException("server refused the request: " + r.err() + ": " + r.detail());
        }
        return r;
    }
}
