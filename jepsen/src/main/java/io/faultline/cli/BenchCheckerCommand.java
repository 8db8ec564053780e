package io.faultline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.faultline.checker.corpus.CheckerBench;
import io.faultline.checker.corpus.Corpus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline bench checker}: times the linearizability checker in-process on Porcupine's etcd
 * and kv corpora (parsing excluded, after warm-up), per file and in total.
 */
@Command(
        name = "checker",
        mixinStandardHelpOptions = true,
        description = {
            "Times the linearizability checker on the shared corpus (Porcupine's etcd logs under the etcd",
            "model, its kv files under the append-kv model): all files are parsed first, checked --warmups",
            "times, then each file --reps times; prints per-file minimum and median and the totals.",
            "Exit 0 when every verdict matches INDEX.md, 1 otherwise."
        })
final class BenchCheckerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--corpora", paramLabel = "DIR",
            description = "Corpus root (default: $FAULTLINE_CORPORA, else ../shared/corpora beside the repository).")
    Path corpora;

    @Option(names = "--groups", split = ",", defaultValue = "etcd,kv",
            description = "Corpus groups: etcd, kv, knossos, etcd-edn (default: ${DEFAULT-VALUE}).")
    List<String> groups;

    @Option(names = "--warmups", defaultValue = "20", description = "Warm-up passes over all files (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--reps", defaultValue = "9", description = "Timed checks per file (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (warmups < 0 || warmups > 1000 || reps < 1 || reps > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmups must be in [0, 1000] and --reps in [1, 1000]");
        }
        Set<String> gs = new LinkedHashSet<>(groups);
        for (String g : gs) {
            if (!Set.of("etcd", "kv", "knossos", "etcd-edn").contains(g)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown group '" + g + "'");
            }
        }
        Path root = corpora;
        if (root == null) {
            StringBuilder why = new StringBuilder();
            root = Corpus.locate(Corpus.repoRoot(), why);
            if (root == null) {
                spec.commandLine().getErr().println("faultline bench checker: " + why);
                return Main.EXIT_ERROR;
            }
        }
        CheckerBench.Report r = CheckerBench.run(root, gs, warmups, reps);
        long mismatches = r.files().stream().filter(f -> f.got() != f.expected()).count();
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(m.writeValueAsString(r.toMap()));
        } else {
            out.printf(Locale.ROOT, "%-48s %-9s %-9s %12s %12s%n", "file", "expected", "verdict", "min us", "median us");
            for (CheckerBench.FileTiming f : r.files()) {
                out.printf(Locale.ROOT, "%-48s %-9s %-9s %12.1f %12.1f%n", f.file(), f.expected().label(), f.got().label(),
                        f.minNs() / 1e3, f.medianNs() / 1e3);
            }
            for (String g : gs) {
                long min = r.files().stream().filter(f -> f.group().equals(g)).mapToLong(CheckerBench.FileTiming::minNs).sum();
                long med = r.files().stream().filter(f -> f.group().equals(g)).mapToLong(CheckerBench.FileTiming::medianNs).sum();
                out.printf(Locale.ROOT, "group %-8s total of minimums %9.3f ms, of medians %9.3f ms%n", g, min / 1e6, med / 1e6);
            }
            CheckerBench.FileTiming s = r.slowest();
            out.printf(Locale.ROOT, "TOTAL of minimums %.3f ms, of medians %.3f ms; slowest %s (min %.3f ms); %d files, %d mismatches%n",
                    r.totalMinNs() / 1e6, r.totalMedianNs() / 1e6, s == null ? "-" : s.file(), s == null ? 0 : s.minNs() / 1e6,
                    r.files().size(), mismatches);
        }
        out.flush();
        return mismatches == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
