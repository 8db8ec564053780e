package io.faultline.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.histories.HistoryFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredHistoryTest {
    @TempDir
    Path dir;

    static final String INVOKE = "{\"index\":0,\"time\":1,\"type\":\"invoke\",\"process\":0,\"f\":\"get\",\"value\":{\"key\":\"k0\"}}\n";
    static final String OK = "{\"index\":1,\"time\":2,\"type\":\"ok\",\"process\":0,\"f\":\"get\",\"value\":{\"key\":\"k0\",\"value\":\"\",\"version\":0,\"err\":\"ErrNoKey\"}}\n";
    static final String INVOKE2 = "{\"index\":2,\"time\":3,\"type\":\"invoke\",\"process\":1,\"f\":\"put\",\"value\":{\"key\":\"k0\",\"value\":\"1\",\"version\":0}}\n";

    @Test
    void aTornLastLineIsDroppedAndReported() throws Exception {
        Path f = dir.resolve("history.jsonl");
        Files.writeString(f, INVOKE + OK + INVOKE2 + "{\"index\":3,\"time\":4,\"ty");
        StoredHistory h = StoredHistory.read(f);
        assertEquals(3, h.history().ops().size());
        assertEquals(4, h.tornLine());
        assertTrue(h.tornText().startsWith("{\"index\":3"));
        assertEquals(1, h.history().operations().stream().filter(o -> o.completion() == null).count(), "the last put stays pending");
    }

    @Test
    void aWholeHistoryHasNoTornLine() throws Exception {
        Path f = dir.resolve("history.jsonl");
        Files.writeString(f, INVOKE + OK);
        assertEquals(0, StoredHistory.read(f).tornLine());
    }

    @Test
    void aMalformedLineElsewhereIsAnErrorNamingTheLine() throws Exception {
        Path f = dir.resolve("history.jsonl");
        Files.writeString(f, INVOKE + "{\"index\":1,\"ti\n" + INVOKE2);
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> StoredHistory.read(f));
        assertTrue(e.getMessage().contains("history.jsonl") && e.getMessage().contains("2"), e.getMessage());
    }
}
