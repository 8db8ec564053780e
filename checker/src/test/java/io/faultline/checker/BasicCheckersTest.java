package io.faultline.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.checker.basic.Compose;
import io.faultline.checker.basic.Counter;
import io.faultline.checker.basic.SetFull;
import io.faultline.checker.basic.Stats;
import io.faultline.checker.basic.UnhandledExceptions;
import io.faultline.checker.basic.UniqueIds;
import io.faultline.checker.model.Models;
import io.faultline.histories.History;
import io.faultline.histories.HistoryFormat;
import io.faultline.histories.Keyword;
import io.faultline.histories.Op;
import io.faultline.histories.OpType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicCheckersTest {
    private static final Budget B = Budget.ofSeconds(5);

    private static History setHistory(List<Long> lastRead) {
        return History.of(
                Op.of(0, OpType.INVOKE, 0, "add", 1L), Op.of(1, OpType.OK, 0, "add", 1L),
                Op.of(2, OpType.INVOKE, 0, "add", 2L), Op.of(3, OpType.OK, 0, "add", 2L),
                Op.of(4, OpType.INVOKE, 1, "read", null), Op.of(5, OpType.OK, 1, "read", List.of(1L, 2L)),
                Op.of(6, OpType.INVOKE, 1, "read", null), Op.of(7, OpType.OK, 1, "read", lastRead));
    }

    @Test
    void setFullFindsLostElements() {
        assertEquals(Validity.TRUE, new SetFull().check(setHistory(List.of(1L, 2L)), B).valid());
        CheckResult lost = new SetFull().check(setHistory(List.of(1L)), B);
        assertEquals(Validity.FALSE, lost.valid());
        assertEquals(List.of("2"), lost.details().get("lost"));
        assertEquals(Validity.FALSE, new SetFull().check(setHistory(List.of(1L, 2L, 7L)), B).valid());
    }

    @Test
    void counterBoundsReads() {
        History ok = History.of(
                Op.of(0, OpType.INVOKE, 0, "add", 2L), Op.of(1, OpType.OK, 0, "add", 2L),
                Op.of(2, OpType.INVOKE, 1, "add", 3L), Op.of(3, OpType.INFO, 1, "add", 3L),
                Op.of(4, OpType.INVOKE, 0, "read", null), Op.of(5, OpType.OK, 0, "read", 5L));
        assertEquals(Validity.TRUE, new Counter().check(ok, B).valid());
        History bad = History.of(
                Op.of(0, OpType.INVOKE, 0, "add", 2L), Op.of(1, OpType.OK, 0, "add", 2L),
                Op.of(2, OpType.INVOKE, 0, "read", null), Op.of(3, OpType.OK, 0, "read", 1L));
        assertEquals(Validity.FALSE, new Counter().check(bad, B).valid());
    }

    @Test
    void uniqueIdsFindsDuplicates() {
        History dup = History.of(
                Op.of(0, OpType.INVOKE, 0, "generate", null), Op.of(1, OpType.OK, 0, "generate", 7L),
                Op.of(2, OpType.INVOKE, 1, "generate", null), Op.of(3, OpType.OK, 1, "generate", 7L));
        assertEquals(Validity.FALSE, new UniqueIds().check(dup, B).valid());
        History fine = History.of(
                Op.of(0, OpType.INVOKE, 0, "generate", null), Op.of(1, OpType.OK, 0, "generate", 7L),
                Op.of(2, OpType.INVOKE, 1, "generate", null), Op.of(3, OpType.OK, 1, "generate", 8L));
        assertEquals(Validity.TRUE, new UniqueIds().check(fine, B).valid());
    }

    @Test
    void statsExceptionsAndComposition() {
        History h = History.of(
                Op.of(0, OpType.INVOKE, 0, "read", null), Op.of(1, OpType.OK, 0, "read", 1L),
                Op.of(2, OpType.INVOKE, 1, "write", 2L),
                new Op(3, -1, OpType.INFO, 1L, "write", 2L, null, null, Map.of("exception", "java.net.SocketTimeoutException")));
        CheckResult stats = new Stats().check(h, B);
        assertEquals(Validity.FALSE, stats.valid(), "write never succeeded");
        CheckResult ex = new UnhandledExceptions().check(h, B);
        assertEquals(Validity.TRUE, ex.valid());
        assertEquals(1, ((List<?>) ex.details().get("exceptions")).size());
        CheckResult all = new Compose("all", List.of(new UnhandledExceptions(), new Stats())).check(h, B);
        assertEquals(Validity.FALSE, all.valid());
        assertEquals(Validity.FALSE, Validity.worst(Validity.UNKNOWN, Validity.FALSE));
        assertEquals(Validity.UNKNOWN, Validity.worst(Validity.UNKNOWN, Validity.TRUE));
        assertEquals(Validity.TRUE, Validity.worst(Validity.TRUE, Validity.TRUE));
    }

    @Test
    void modelsAreGuessedFromOps() {
        History reg = History.of(Op.of(0, OpType.INVOKE, 0, "cas", List.of(1L, 2L)), Op.of(1, OpType.FAIL, 0, "cas", List.of(1L, 2L)));
        assertEquals("cas-register", Models.guess(reg, HistoryFormat.EDN).model().name());
        assertEquals("etcd", Models.guess(reg, HistoryFormat.JEPSEN_LOG).model().name());
        History mutex = History.of(Op.of(0, OpType.INVOKE, 0, "acquire", null));
        assertEquals("mutex", Models.guess(mutex, HistoryFormat.EDN).model().name());
        History kv = History.of(new Op(0, -1, OpType.INVOKE, 0L, "append", "x", null, null, Map.of("key", "k")));
        assertEquals("append-kv", Models.guess(kv, HistoryFormat.EDN).model().name());
        History vkv = History.of(new Op(0, -1, OpType.INVOKE, 0L, "put",
                Map.of(new Keyword("key"), "k", new Keyword("value"), "v", new Keyword("version"), 0L), null, null, null));
        assertEquals("versioned-kv", Models.guess(vkv, HistoryFormat.JSONL).model().name());
    }
}
