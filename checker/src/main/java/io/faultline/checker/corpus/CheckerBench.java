package io.faultline.checker.corpus;

import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Linearizability;
import io.faultline.checker.Validity;
import io.faultline.checker.model.Models;
import io.faultline.histories.Histories;
import io.faultline.histories.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In-process timing of the linearizability checker on corpus groups: every file is parsed first
 * (not timed), the whole set is checked {@code warmups} times, then each file {@code reps} times;
 * per-file minimum and median are reported, and totals as sums of those.
 */
public final class CheckerBench {
    private CheckerBench() {}

    /** The timing of one file. */
    public record FileTiming(String group, String file, Validity expected, Validity got, long minNs, long medianNs) {}

    /** All timings plus totals. */
    public record Report(List<FileTiming> files, int warmups, int reps) {
        public long totalMinNs() {
            return files.stream().mapToLong(FileTiming::minNs).sum();
        }

        public long totalMedianNs() {
            return files.stream().mapToLong(FileTiming::medianNs).sum();
        }

        public FileTiming slowest() {
            FileTiming s = null;
            for (FileTiming f : files) {
                if (s == null || f.minNs() > s.minNs()) {
                    s = f;
                }
            }
            return s;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("warmups", warmups);
            m.put("reps", reps);
            Map<String, long[]> groups = new LinkedHashMap<>();
            List<Object> fs = new ArrayList<>();
            for (FileTiming f : files) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("group", f.group());
                x.put("file", f.file());
                x.put("expected", f.expected().label());
                x.put("valid", f.got().label());
                x.put("minUs", f.minNs() / 1000.0);
                x.put("medianUs", f.medianNs() / 1000.0);
                fs.add(x);
                long[] g = groups.computeIfAbsent(f.group(), k -> new long[2]);
                g[0] += f.minNs();
                g[1] += f.medianNs();
            }
            Map<String, Object> gm = new LinkedHashMap<>();
            groups.forEach((k, v) -> gm.put(k, Map.of("totalMinMs", v[0] / 1e6, "totalMedianMs", v[1] / 1e6)));
            m.put("groups", gm);
            m.put("totalMinMs", totalMinNs() / 1e6);
            m.put("totalMedianMs", totalMedianNs() / 1e6);
            m.put("mismatches", files.stream().filter(f -> f.got() != f.expected()).count());
            m.put("files", fs);
            return m;
        }
    }

    public static Report run(Path root, Set<String> groups, int warmups, int reps) throws IOException {
        Histories.warmUp();
        List<Corpus.Entry> entries = new ArrayList<>();
        List<History> histories = new ArrayList<>();
        List<Linearizability> checkers = new ArrayList<>();
        for (Corpus.Entry e : Corpus.entries(root)) {
            if (groups.contains(e.group())) {
                entries.add(e);
                histories.add(Histories.read(e.file()));
                checkers.add(new Linearizability(Models.byName(e.model())));
            }
        }
        for (int w = 0; w < warmups; w++) {
            for (int i = 0; i < entries.size(); i++) {
                checkers.get(i).check(histories.get(i), Budget.unlimitedTime());
            }
        }
        List<FileTiming> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            long[] ns = new long[reps];
            Validity got = null;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                CheckResult res = checkers.get(i).check(histories.get(i), Budget.unlimitedTime());
                ns[r] = System.nanoTime() - t0;
                got = res.valid();
            }
            Arrays.sort(ns);
            Corpus.Entry e = entries.get(i);
            out.add(new FileTiming(e.group(), e.relPath(), e.expected(), got, ns[0], ns[reps / 2]));
        }
        return new Report(out, warmups, reps);
    }
}
