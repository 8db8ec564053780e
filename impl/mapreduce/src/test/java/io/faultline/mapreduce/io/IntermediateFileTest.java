package io.faultline.mapreduce.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.codec.CodecException;
import io.faultline.mapreduce.app.KeyValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntermediateFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsManyRecordsAndUnicode() throws IOException {
        List<KeyValue> pairs = new ArrayList<>();
        for (int i = 0; i < IntermediateFile.PAIRS_PER_RECORD_MAX * 2 + 7; i++) {
            pairs.add(new KeyValue("k" + i + (i % 5 == 0 ? "é😀" : ""), i % 3 == 0 ? "" : "v" + i));
        }
        Path f = dir.resolve("mr-0-0");
        IntermediateFile.write(f, pairs);
        List<KeyValue> back = new ArrayList<>();
        IntermediateFile.read(f, (k, v) -> back.add(new KeyValue(k, v)));
        assertEquals(pairs, back);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void emptyBucketIsAnEmptyFile() throws IOException {
        Path f = dir.resolve("mr-1-2");
        IntermediateFile.write(f, List.of());
        assertEquals(0, Files.size(f));
        IntermediateFile.read(f, (k, v) -> {
            throw new AssertionError("no pairs expected");
        });
    }

    @Test
    void corruptionAndTruncationNameTheFileAndOffset() throws IOException {
        Path f = dir.resolve("mr-3-4");
        IntermediateFile.write(f, List.of(new KeyValue("alpha", "1"), new KeyValue("beta", "2")));
        byte[] bytes = Files.readAllBytes(f);
        byte[] flipped = bytes.clone();
        flipped[flipped.length - 1] ^= 0x40;
        Files.write(f, flipped);
        CodecException corrupt = assertThrows(CodecException.class, () -> IntermediateFile.read(f, (k, v) -> { }));
        assertTrue(corrupt.getMessage().contains("mr-3-4") && corrupt.getMessage().contains("offset 0"), corrupt.getMessage());
        assertTrue(corrupt.getMessage().contains("checksum"), corrupt.getMessage());
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 2));
        CodecException torn = assertThrows(CodecException.class, () -> IntermediateFile.read(f, (k, v) -> { }));
        assertTrue(torn.getMessage().contains("mr-3-4") && torn.getMessage().contains("truncated"), torn.getMessage());
    }

    @Test
    void outputFileIsInvisibleUntilPublished() throws IOException {
        Path target = dir.resolve("mr-out-3");
        try (OutputFile out = new OutputFile(target)) {
            out.line("a", "1");
            assertFalse(Files.exists(target), "nothing under the final name before publish");
            try (Stream<Path> s = Files.list(dir)) {
                assertTrue(s.allMatch(p -> !p.getFileName().toString().startsWith("mr-out")),
                        "temporary names never match mr-out*");
            }
            out.publish();
        }
        assertEquals("a 1\n", Files.readString(target));
        try (OutputFile abandoned = new OutputFile(dir.resolve("mr-out-4"))) {
            abandoned.line("b", "2");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "an abandoned output leaves nothing behind");
        }
    }
}
