package io.faultline.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.checker.corpus.Corpus;
import io.faultline.checker.model.Models;
import io.faultline.histories.Histories;
import io.faultline.histories.History;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every history of the shared corpus gets the verdict INDEX.md lists; mismatches are listed. */
class CorpusTest {
    @Test
    void everyCorpusHistoryGetsItsIndexedVerdict() throws Exception {
        StringBuilder why = new StringBuilder();
        Path root = Corpus.locate(Corpus.repoRoot(), why);
        if (root == null) {
            System.out.println("CorpusTest skipped: " + why);
        }
        Assumptions.assumeTrue(root != null, () -> "corpus absent: " + why);
        List<Corpus.Entry> entries = Corpus.entries(root);
        List<String> mismatches = new ArrayList<>();
        Map<String, int[]> perGroup = new TreeMap<>();
        for (Corpus.Entry e : entries) {
            History h = Histories.read(e.file());
            Linearizability lin = new Linearizability(Models.byName(e.model()));
            long t0 = System.nanoTime();
            CheckResult r = lin.check(h, Budget.ofSeconds(60));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int[] c = perGroup.computeIfAbsent(e.group(), k -> new int[2]);
            if (r.valid() == e.expected()) {
                c[0]++;
            } else {
                c[1]++;
                mismatches.add(e.relPath() + ": expected " + e.expected().label() + ", got " + r.valid().label()
                        + " (" + r.summary() + ", " + ms + " ms)");
            }
        }
        perGroup.forEach((g, c) -> System.out.println("corpus group " + g + ": " + c[0] + " match, " + c[1] + " mismatch"));
        mismatches.forEach(m -> System.out.println("MISMATCH " + m));
        assertTrue(entries.size() >= 330, "expected the full corpus, found " + entries.size() + " entries");
        assertEquals(List.of(), mismatches, "corpus verdict mismatches");
    }
}
