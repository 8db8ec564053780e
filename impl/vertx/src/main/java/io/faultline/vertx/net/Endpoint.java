package io.faultline.vertx.net;

import io.faultline.core.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP address {@code 127.x.y.z:port}. Only loopback is accepted: Faultline never sends
 * traffic off the machine.
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        Check.notNull(host, "host");
        Check.that(isLoopback(host), "address %s is not a literal loopback IPv4 address (127.0.0.0/8)", host);
        Check.inRange(port, 1, 65535, "port");
    }

    /** Parses {@code HOST:PORT}; the message of the exception says what is wrong. */
    public static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("address '" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + text + "' has a non-numeric port");
        }
        if (!isLoopback(host)) {
            throw new IllegalArgumentException("address '" + text + "' is not on loopback (127.0.0.0/8)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("address '" + text + "' has port outside 1..65535");
        }
        return new Endpoint(host, port);
    }

    /** Parses a comma-separated list of {@code HOST:PORT}. */
    public static List<Endpoint> parseList(String text) {
        List<Endpoint> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            out.add(parse(part.trim()));
        }
        return out;
    }

    /** The conventional address of node {@code i}: {@code 127.0.0.(10+i)}. */
    public static String nodeHost(int nodeId) {
        return nodeHost(0, nodeId);
    }

    /** Node {@code i}'s address in host block {@code b}: {@code 127.0.b.(10+i)}. */
    public static String nodeHost(int block, int nodeId) {
        Check.inRange(block, 0, 254, "block");
        Check.inRange(nodeId, 0, 240, "nodeId");
        return "127.0." + block + "." + (10 + nodeId);
    }

    public static boolean isLoopback(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
