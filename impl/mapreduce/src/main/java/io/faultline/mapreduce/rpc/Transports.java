package io.faultline.mapreduce.rpc;

/** The transport the MapReduce processes use. */
public final class Transports {
    private Transports() {}

    public static MrTransport create() {
        return new VertxMrTransport();
    }
}
