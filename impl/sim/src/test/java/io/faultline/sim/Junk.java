package io.faultline.sim;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/** Encoding helpers and a labrpc-style "JunkServer" used by the simulator tests. */
final class Junk {
    private Junk() {}

    static byte[] str(String s) {
        return new ByteWriter().writeString(s).toByteArray();
    }

    static String str(byte[] b) {
        return b == null ? null : new ByteReader(b).readString();
    }

    static byte[] num(int v) {
        return new ByteWriter().writeVarInt(v).toByteArray();
    }

    static int num(byte[] b) {
        return new ByteReader(b).readVarInt();
    }

    /** Registers the JunkServer services on {@code s}; {@code log} records Handler1 arguments. */
    static void serve(SimServer s, List<String> log) {
        // Handler1: string -> nothing, records the argument
        s.serve("JunkServer.Handler1", (from, req, resp) -> {
            log.add(str(req));
            resp.reply(new byte[0]);
        });
        // Handler2: int -> "handler2-<n>"
        s.serve("JunkServer.Handler2", (from, req, resp) -> resp.reply(str("handler2-" + num(req))));
        // Handler3: int -> -n
        s.serve("JunkServer.Handler3", (from, req, resp) -> resp.reply(num(-num(req))));
        // Handler4: string -> its length... as a string "pointer" variant
        s.serve("JunkServer.Handler4", (from, req, resp) -> resp.reply(str("pointer:" + str(req))));
        // Handler6: string -> its length
        s.serve("JunkServer.Handler6", (from, req, resp) -> resp.reply(num(str(req).length())));
        // Handler7: int n -> a string of n 'y'
        s.serve("JunkServer.Handler7", (from, req, resp) -> resp.reply(str("y".repeat(num(req)))));
    }

    static SimServer server(Simulation sim, String name) {
        SimServer s = sim.network().addServer(name);
        serve(s, new ArrayList<>());
        return s;
    }
}
