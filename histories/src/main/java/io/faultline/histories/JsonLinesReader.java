package io.faultline.histories;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one JSON object per line, with the fields of {@link Op} ({@code type} and {@code f} as strings). */
public final class JsonLinesReader implements OpReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final BufferedReader in;
    private final String source;
    private long line;
    private long opLine;
    private long index;

    public JsonLinesReader(Reader reader, String source) {
        this.in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        this.source = source;
    }

    @Override
    public Op next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (!text.isBlank()) {
                break;
            }
        }
        if (text == null) {
            return null;
        }
        opLine = line;
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new HistoryFormatException(source, line, "malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new HistoryFormatException(source, line, "expected a JSON object per line");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), toJava(e.getValue()));
        }
        try {
            return OpFields.toOp(fields, index++);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(source, line, e.getMessage(), e);
        }
    }

    static Object toJava(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode c : n) {
                out.add(toJava(c));
            }
            return Collections.unmodifiableList(out);
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), toJava(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public long line() {
        return opLine;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
