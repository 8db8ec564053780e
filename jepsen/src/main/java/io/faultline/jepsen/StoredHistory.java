package io.faultline.jepsen;

import io.faultline.histories.Histories;
import io.faultline.histories.History;
import io.faultline.histories.HistoryFormat;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's {@code history.jsonl} as a harness that was killed may have left it: every line whole
 * except perhaps the last one (cut mid-write). A torn last line is dropped and reported; a
 * malformed line anywhere else is an error naming the file and line.
 *
 * @param tornLine the 1-based line number of a dropped torn last line, or 0
 */
record StoredHistory(History history, long tornLine, String tornText) {
    static StoredHistory read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        long torn = 0;
        String tornText = null;
        if (last >= 0 && !wholeJson(lines.get(last))) {
            torn = last + 1;
            tornText = lines.get(last);
            lines = lines.subList(0, last);
        }
        String good = String.join("\n", lines) + "\n";
        History h = Histories.readAll(Histories.open(new StringReader(good), HistoryFormat.JSONL, file.toString()), file.toString());
        return new StoredHistory(h, torn, tornText);
    }

    private static boolean wholeJson(String line) {
        try {
            return RunStore.JSON.readTree(line).isObject();
        } catch (IOException e) {
            return false;
        }
    }
}
