package io.faultline.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** The UI's files, read from the jar's classpath (the chart library from its WebJar). */
public final class Resources {
    static final String WEB = "io/faultline/dashboards/web/";
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Resources() {}

    public static String chartJsVersion() {
        Properties p = new Properties();
        try (InputStream in = Resources.class.getResourceAsStream("versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties missing from the dashboards jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("chartjs.version");
    }

    /** The classpath resource for a URL name under /static/, or null. */
    static String classpathName(String name) {
        if (name.equals("chart.umd.min.js")) {
            return "META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.min.js";
        }
        return name.matches("[a-z0-9-]+\\.(js|css|html|svg)") ? WEB + name : null;
    }

    /** The bytes of a UI file, or null when there is none by that name. */
    public static byte[] bytes(String name) {
        String cp = classpathName(name);
        if (cp == null) {
            return null;
        }
        return CACHE.computeIfAbsent(cp, k -> {
            try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(k)) {
                return in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).length == 0 ? null : CACHE.get(cp);
    }

    public static String text(String name) {
        byte[] b = bytes(name);
        if (b == null) {
            throw new IllegalStateException("UI resource " + name + " missing from the dashboards jar");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return name.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream";
    }
}
