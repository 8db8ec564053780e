package io.faultline.vertx;

import io.faultline.vertx.net.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback endpoints for tests: node i gets 127.0.0.(10+i) and a port free on that address. */
public final class Ports {
    private Ports() {}

    public static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Endpoint> endpoints(int n) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String host = Endpoint.nodeHost(i);
            out.add(new Endpoint(host, freePort(host)));
        }
        return out;
    }
}
