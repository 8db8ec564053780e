package io.faultline.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsJsonlTest {
    @TempDir
    Path dir;

    /** A writer that counts flushes. */
    static final class CountingWriter extends StringWriter {
        int flushes;

        @Override
        public void flush() {
            flushes++;
            super.flush();
        }
    }

    @Test
    void linesHaveTheStoreFormatInFieldOrderAndAreFlushedEach() throws Exception {
        CountingWriter w = new CountingWriter();
        AtomicLong t = new AtomicLong(5_000_000_000L);
        FaultsJsonl log = new FaultsJsonl(w, t::get, InstantSource.fixed(Instant.parse("2026-11-21T14:50:05.123456Z")));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", "majorities-ring");
        detail.put("grudge", Map.of("n1", List.of("n3", "n4")));
        log.record("start", "partition", List.of("n1", "n2"), detail, "iptables");
        assertEquals(1, w.flushes);
        t.set(9_000_000_000L);
        log.record("stop", "partition", List.of(), Map.of(), "iptables");
        assertEquals(2, w.flushes);
        String[] lines = w.toString().split("\n");
        assertEquals(2, lines.length);
        assertEquals("{\"timeNs\":5000000000,\"wallTime\":\"2026-11-21T14:50:05.123Z\",\"action\":\"start\","
                + "\"fault\":\"partition\",\"targets\":[\"n1\",\"n2\"],\"detail\":{\"kind\":\"majorities-ring\","
                + "\"grudge\":{\"n1\":[\"n3\",\"n4\"]}},\"mechanism\":\"iptables\"}", lines[0]);
        JsonNode stop = new ObjectMapper().readTree(lines[1]);
        assertEquals(9_000_000_000L, stop.get("timeNs").asLong());
        assertEquals("stop", stop.get("action").asText());
        assertEquals(0, stop.get("targets").size());
        assertEquals(2, log.lines());
    }

    @Test
    void activeTracksStartsAndStops() {
        FaultsJsonl log = new FaultsJsonl(new StringWriter(), () -> 0L, InstantSource.system());
        log.record("start", "partition", List.of("n1"), Map.of("kind", "majorities-ring"), "iptables");
        log.record("start", "kill", List.of("n2", "n3"), Map.of(), "sigkill");
        log.record("start", "pause", List.of("n4"), Map.of(), "sigstop");
        assertEquals(List.of("partition majorities-ring", "kill n2", "kill n3", "pause n4"), log.active());
        log.record("stop", "kill", List.of("n2"), Map.of(), "sigkill");
        assertEquals(List.of("partition majorities-ring", "kill n3", "pause n4"), log.active());
        log.record("stop", "partition", List.of(), Map.of(), "iptables");
        log.record("stop", "pause", List.of(), Map.of(), "sigstop"); // empty targets: every node
        assertEquals(List.of("kill n3"), log.active());
        log.record("start", "partition", List.of("n1"), Map.of("kind", "one"), "iptables");
        log.record("start", "partition", List.of("n2"), Map.of("kind", "bridge"), "iptables"); // replaces
        assertEquals(List.of("kill n3", "partition bridge"), log.active());
    }

    @Test
    void fileIsAppendedAndReadableAfterEachLine() throws Exception {
        Path f = dir.resolve("faults.jsonl");
        try (FaultsJsonl log = new FaultsJsonl(f, () -> 7L)) {
            log.record("start", "clock", List.of("n1"), Map.of("offsetMs", 500), "clock-offset");
            String now = Files.readString(f, StandardCharsets.UTF_8);
            assertTrue(now.endsWith("\n") && now.contains("\"offsetMs\":500") && now.contains("\"timeNs\":7"), now);
            assertTrue(now.matches("(?s).*\"wallTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\".*"), now);
        }
    }

    @Test
    void refusesBadActionsAndUnserialisableDetail() {
        FaultsJsonl log = new FaultsJsonl(new StringWriter(), () -> 0L, InstantSource.system());
        assertThrows(IllegalStateException.class, () -> log.record("begin", "kill", List.of("n1"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> log.record("start", "kill", List.of("n1"), Map.of("x", new Object())));
        assertEquals(0, log.lines());
    }
}
