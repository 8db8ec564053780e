package io.faultline.dashboards;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one Jackson mapper of the dashboards, and small reading helpers. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {}

    /** Reads a JSON object file; null when absent; an error naming the file when malformed. */
    public static ObjectNode readObject(Path file) {
        try {
            JsonNode n = MAPPER.readTree(Files.readAllBytes(file));
            if (n == null || !n.isObject()) {
                throw new StoreFormatException(file + ": expected one JSON object");
            }
            return (ObjectNode) n;
        } catch (NoSuchFileException e) {
            return null;
        } catch (JsonProcessingException e) {
            throw new StoreFormatException(file + ": malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static long longOr(JsonNode n, String field, long dflt) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isNumber() ? dflt : v.asLong();
    }

    /** A compact text form of a JSON value (strings unquoted), for tables and search. */
    public static String flat(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode e : v) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(flat(e));
            }
            return sb.toString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
