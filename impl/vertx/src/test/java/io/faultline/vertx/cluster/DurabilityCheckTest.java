package io.faultline.vertx.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.vertx.cluster.DurabilityCheck.Entry;
import io.faultline.vertx.cluster.DurabilityCheck.Outcome;
import io.faultline.vertx.cluster.RaftClient.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker against good and deliberately broken histories. */
class DurabilityCheckTest {
    static byte[] c(int i) {
        return new byte[] {(byte) i};
    }

    static List<Entry> log(long... terms) {
        List<Entry> l = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            l.add(new Entry(i + 1, terms[i], c(i + 1)));
        }
        return l;
    }

    final List<Outcome> outcomes = List.of(
            new Outcome(c(1), Kind.COMMITTED, 1, 1),
            new Outcome(c(2), Kind.COMMITTED, 2, 1),
            new Outcome(c(3), Kind.UNKNOWN, -1, -1),
            new Outcome(c(9), Kind.NOT_COMMITTED, -1, 2));

    @Test
    void consistentHistoryPasses() {
        List<String> v = DurabilityCheck.check(List.of(log(1, 1, 2), log(1, 1, 2), log(1, 1)), outcomes, 10);
        assertEquals(List.of(), v);
    }

    @Test
    void lostAcknowledgedEntryIsReported() {
        List<String> v = DurabilityCheck.check(List.of(log(1, 1, 2), log(1)), outcomes, 10);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("acknowledged index 2"), v.get(0));
    }

    @Test
    void acknowledgedEntryInAnotherTermIsReported() {
        List<String> v = DurabilityCheck.check(List.of(log(1, 3, 3), log(1, 3, 3)), outcomes, 10);
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).contains("term 1 but the log holds"), v.get(0));
    }

    @Test
    void divergentLogsAreReported() {
        List<Entry> b = log(1, 1, 2);
        b.set(2, new Entry(3, 3, c(3)));
        List<String> v = DurabilityCheck.check(List.of(log(1, 1, 2), b), outcomes, 10);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("log matching: nodes 0 and 1 differ at index 3"), v.get(0));
    }

    @Test
    void commandToldNotCommittedButPresentIsReported() {
        List<Entry> l = log(1, 1);
        l.add(new Entry(3, 2, c(9)));
        List<String> v = DurabilityCheck.check(List.of(l), outcomes, 10);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("told would never commit"), v.get(0));
    }

    @Test
    void duplicatedAndInventedCommandsAreReported() {
        List<Entry> l = log(1, 1);
        l.add(new Entry(3, 1, c(1)));
        l.add(new Entry(4, 1, c(77)));
        List<String> v = DurabilityCheck.check(List.of(l), outcomes, 10);
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).contains("applied twice"), v.get(0));
        assertTrue(v.get(1).contains("nobody proposed"), v.get(1));
    }

    @Test
    void gapInALogIsReported() {
        List<Entry> l = log(1);
        l.add(new Entry(3, 1, c(2)));
        List<String> v = DurabilityCheck.check(List.of(l), List.of(), 10);
        assertTrue(v.get(0).contains("position 1 holds index 3"), v.toString());
    }
}
