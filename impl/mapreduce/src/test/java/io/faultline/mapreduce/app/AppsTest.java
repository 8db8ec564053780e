package io.faultline.mapreduce.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.mapreduce.io.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsTest {
    @TempDir
    Path dir;

    private AppContext ctx() {
        return new AppContext(dir, 4242, () -> {
            throw new AssertionError("must not crash");
        });
    }

    @Test
    void wordsAreMaximalRunsOfUnicodeLetters() {
        assertEquals(List.of("Don", "t", "stop", "café", "naïve", "x", "y"), Words.words("Don't stop--café 42naïve x_y"));
        assertEquals(List.of(), Words.words(" 12 ,. "));
        assertEquals(List.of("ab"), Words.words("ab"));
    }

    @Test
    void codePointOrderIsUtf8ByteOrder() {
        // U+FF21 (fullwidth A) sorts before U+1F600 in UTF-8 but after it in UTF-16 units.
        String fullwidth = "\uFF21";
        String emoji = "😀";
        assertTrue(Words.CODE_POINT_ORDER.compare(fullwidth, emoji) < 0);
        assertTrue(fullwidth.compareTo(emoji) > 0, "String.compareTo differs, which is why it is not used");
        assertTrue(Words.CODE_POINT_ORDER.compare("a", "ab") < 0);
        assertEquals(0, Words.CODE_POINT_ORDER.compare("é", "é"));
    }

    @Test
    void wcCountsOccurrences() {
        MrApp wc = Apps.load("wc", ctx());
        assertEquals(List.of(new KeyValue("a", "1"), new KeyValue("b", "1"), new KeyValue("a", "1")), wc.map("f", "a b, a"));
        assertEquals("3", wc.reduce("a", List.of("1", "1", "1")));
    }

    @Test
    void indexerListsSortedDistinctDocuments() {
        MrApp ix = Apps.load("indexer", ctx());
        assertEquals(List.of(new KeyValue("x", "d1"), new KeyValue("y", "d1")), ix.map("d1", "x y x"));
        assertEquals("2 ../a.txt,../b.txt", ix.reduce("x", List.of("../b.txt", "../a.txt")));
    }

    @Test
    void nocrashEmitsTheFourFacts() {
        MrApp nc = Apps.load("nocrash", ctx());
        assertEquals(List.of(new KeyValue("a", "../f.txt"), new KeyValue("b", "8"), new KeyValue("c", "5"),
                new KeyValue("d", "xyzzy")), nc.map("../f.txt", "hello"));
        assertEquals("10 9 xyzzy", nc.reduce("b", List.of("xyzzy", "9", "10")));
    }

    @Test
    void earlyExitCountsPerFile() {
        MrApp ee = Apps.load("early_exit", ctx());
        assertEquals(List.of(new KeyValue("../pg-grimm.txt", "1")), ee.map("../pg-grimm.txt", "..."));
        assertEquals("2", ee.reduce("../pg-grimm.txt", List.of("1", "1")));
    }

    @Test
    void rtimingMapsTenKeys() {
        MrApp rt = Apps.load("rtiming", ctx());
        assertEquals(10, rt.map("f", "").size());
        assertEquals("a", rt.map("f", "").get(0).key());
    }

    @Test
    void unknownAppIsAClearError() {
        Apps.UnknownAppException e = assertThrows(Apps.UnknownAppException.class, () -> Apps.load("wcc", ctx()));
        assertTrue(e.getMessage().contains("unknown app 'wcc'") && e.getMessage().contains("indexer"), e.getMessage());
        assertThrows(Apps.UnknownAppException.class, () -> Apps.load("no.such.Klass", ctx()));
        assertThrows(Apps.UnknownAppException.class, () -> Apps.load("java.lang.String", ctx()));
    }

    @Test
    void appsLoadByClassName() {
        MrApp app = Apps.load(DropsWords.class.getName(), ctx());
        assertEquals(List.of(new KeyValue("b", "1")), app.map("f", "a b"));
    }

    @Test
    void sequentialWritesSortedLines() throws IOException {
        Files.writeString(dir.resolve("in1.txt"), "b a\nc");
        Files.writeString(dir.resolve("in2.txt"), "a, A");
        Sequential.run(Apps.load("wc", ctx()), dir, List.of("in1.txt", "in2.txt"), Path.of("mr-out-0"));
        assertEquals("A 1\na 2\nb 1\nc 1\n", Files.readString(dir.resolve("mr-out-0")));
    }
}
