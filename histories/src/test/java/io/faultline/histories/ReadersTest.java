package io.faultline.histories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
    @TempDir
    Path dir;

    private static List<Op> readAll(OpReader r) throws IOException {
        List<Op> ops = new ArrayList<>();
        Op op;
        while ((op = r.next()) != null) {
            ops.add(op);
        }
        return ops;
    }

    @Test
    void readsKnossosVectorWithCommentsAndMultiLineMaps() throws IOException {
        String text = "; a comment\n[{:type :invoke,\n :f :txn,\n :value [[:read :x nil]],\n :process 3,\n :time 7}\n"
                + "{:type :ok, :f :txn, :value [[:read :x 0]], :process 3, :time 9, :index 1}\n"
                + "{:type :info, :f :start, :process :nemesis, :value nil}]\n";
        List<Op> ops = readAll(new EdnOpReader(new StringReader(text), "t.edn"));
        assertEquals(3, ops.size());
        assertEquals(OpType.INVOKE, ops.get(0).type());
        assertEquals(3L, ops.get(0).process());
        assertEquals(7L, ops.get(0).timeNs());
        assertEquals("txn", ops.get(0).f());
        assertEquals(List.of(List.of(new Keyword("read"), new Keyword("x"), 0L)), ops.get(1).value());
        assertEquals(new Keyword("nemesis"), ops.get(2).process());
        History h = new History(ops);
        assertEquals(1, h.operations().size());
        assertEquals(1, h.unpaired().size());
    }

    @Test
    void readsListFormAndOneMapPerLineWithExtraFields() throws IOException {
        List<Op> list = readAll(new EdnOpReader(new StringReader("({:process 0 :type :invoke :f :read :value nil})"), "l.edn"));
        assertEquals(1, list.size());
        String kv = "{:process 0, :type :invoke, :f :append, :key \"0\", :value \"x 0 0 y\"}\n"
                + "{:process 0, :type :ok, :f :append, :key \"0\", :value \"x 0 0 y\"}\n";
        List<Op> ops = readAll(new EdnOpReader(new StringReader(kv), "kv.txt"));
        assertEquals("0", ops.get(0).get("key"));
        assertEquals("x 0 0 y", ops.get(1).value());
    }

    @Test
    void readsJepsenLogLines() throws IOException {
        String log = "INFO  jepsen.util - 3\t:invoke\t:read\tnil\nINFO  jepsen.util - 2\t:invoke\t:cas\t[4 1]\n"
                + "INFO  jepsen.util - 3   :fail   :read   :timed-out\nINFO  jepsen.util - 2\t:info\t:cas\t:timed-out\n";
        List<Op> ops = readAll(new JepsenLogReader(new StringReader(log), "etcd.log"));
        assertEquals(4, ops.size());
        assertEquals(List.of(4L, 1L), ops.get(1).value());
        assertEquals(OpType.FAIL, ops.get(2).type());
        assertEquals(new Keyword("timed-out"), ops.get(2).error());
        assertNull(ops.get(2).value());
    }

    @Test
    void malformedInputNamesFileAndLine() {
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> readAll(new EdnOpReader(
                new StringReader("{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read :value 1\n"), "bad.edn")));
        assertEquals("bad.edn", e.source());
        assertEquals(2, e.line());
        HistoryFormatException noType = assertThrows(HistoryFormatException.class, () -> readAll(new EdnOpReader(
                new StringReader("[{:process 0 :type :invoke :f :read}\n\n {:process 0 :f :read}]"), "v.edn")));
        assertEquals(3, noType.line());
        assertTrue(noType.getMessage().contains(":type"), noType.getMessage());
        HistoryFormatException unclosed = assertThrows(HistoryFormatException.class, () -> readAll(new EdnOpReader(
                new StringReader("[{:process 0 :type :invoke :f :read}\n"), "u.edn")));
        assertTrue(unclosed.getMessage().contains("missing ']'"), unclosed.getMessage());
        HistoryFormatException log = assertThrows(HistoryFormatException.class, () -> readAll(new JepsenLogReader(
                new StringReader("INFO  jepsen.util - 3\t:invoke\t:read\tnil\ngarbage here\n"), "x.log")));
        assertEquals(2, log.line());
        HistoryFormatException json = assertThrows(HistoryFormatException.class, () -> readAll(new JsonLinesReader(
                new StringReader("{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n{\"process\":0,\"type\":\"ok\",\n"), "h.jsonl")));
        assertEquals(2, json.line());
        HistoryFormatException type = assertThrows(HistoryFormatException.class, () -> readAll(new JsonLinesReader(
                new StringReader("{\"process\":0,\"type\":\"done\",\"f\":\"read\"}\n"), "t.jsonl")));
        assertEquals(1, type.line());
    }

    @Test
    void pairingErrorsNameTheLine() throws IOException {
        Path f = dir.resolve("h.edn");
        Files.writeString(f, "{:process 0 :type :invoke :f :read}\n{:process 1 :type :ok :f :read :value 1}\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> Histories.read(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(f.toString() + ":2:"), e.getMessage());
    }

    @Test
    void writersRoundTripThroughTheReaders() throws IOException {
        List<Op> ops = List.of(
                new Op(0, 10, OpType.INVOKE, 1L, "cas", List.of(1L, 2L), "n1", null, Map.of("key", "k")),
                new Op(1, 20, OpType.INFO, 1L, "cas", List.of(1L, 2L), "n1", new Keyword("timed-out"), Map.of("key", "k")),
                new Op(2, 30, OpType.INVOKE, 2L, "read", null, null, null, null),
                new Op(3, 40, OpType.OK, 2L, "read", "a \"quoted\"\nvalue", null, null, null),
                new Op(4, 50, OpType.INFO, new Keyword("nemesis"), "start", Map.of(new Keyword("n"), 3L), null, null, null));
        StringWriter edn = new StringWriter();
        try (EdnWriter w = new EdnWriter(edn)) {
            for (Op op : ops) {
                w.write(op);
            }
        }
        assertEquals(ops, readAll(new EdnOpReader(new StringReader(edn.toString()), "rt.edn")));
        StringWriter json = new StringWriter();
        try (JsonLinesWriter w = new JsonLinesWriter(json)) {
            for (Op op : ops) {
                w.write(op);
            }
        }
        List<Op> back = readAll(new JsonLinesReader(new StringReader(json.toString()), "rt.jsonl"));
        assertEquals(ops.size(), back.size());
        assertEquals(ops.get(3), back.get(3));
        assertEquals(ops.get(0).value(), back.get(0).value());
        assertEquals(new Keyword("nemesis"), back.get(4).process());
        assertEquals("timed-out", back.get(1).error());
    }

    @Test
    void detectsFormats() throws IOException {
        Path a = dir.resolve("a.txt");
        Files.writeString(a, "INFO  jepsen.util - 3\t:invoke\t:read\tnil\n");
        assertEquals(HistoryFormat.JEPSEN_LOG, Histories.detect(a));
        Path b = dir.resolve("b.txt");
        Files.writeString(b, "\n{:process 0, :type :invoke, :f :get, :key \"0\", :value nil}\n");
        assertEquals(HistoryFormat.EDN, Histories.detect(b));
        Path c = dir.resolve("c.txt");
        Files.writeString(c, "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n");
        assertEquals(HistoryFormat.JSONL, Histories.detect(c));
        Path d = dir.resolve("d.txt");
        Files.writeString(d, "hello\n");
        assertThrows(HistoryFormatException.class, () -> Histories.detect(d));
    }

    @Test
    void historyPairsAndGroupsByProcess() {
        History h = History.of(
                Op.of(0, OpType.INVOKE, 0, "write", 1L),
                Op.of(1, OpType.INVOKE, 1, "read", null),
                Op.of(2, OpType.OK, 1, "read", 1L),
                Op.of(3, OpType.INFO, 0, "write", 1L),
                Op.of(4, OpType.INVOKE, 2, "read", null));
        assertEquals(3, h.operations().size());
        assertEquals(3, h.partnerOf(0));
        assertEquals(1, h.partnerOf(2));
        assertEquals(OpType.INFO, h.operations().get(0).outcome());
        assertEquals(1L, h.operations().get(1).value());
        assertTrue(h.operations().get(2).crashed());
        assertEquals(List.of(0L, 1L, 2L), new ArrayList<>(h.byProcess().keySet()));
        assertThrows(History.PairingException.class, () -> History.of(
                Op.of(0, OpType.INVOKE, 0, "read", null), Op.of(1, OpType.INVOKE, 0, "read", null)));
    }
}
