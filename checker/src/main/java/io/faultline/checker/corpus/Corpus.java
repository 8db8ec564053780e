package io.faultline.checker.corpus;

import io.faultline.checker.Validity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared linearizability corpus ({@code ../shared/corpora} or {@code $FAULTLINE_CORPORA}) and
 * the verdicts its INDEX.md lists. The corpus files are read in place, never copied.
 */
public final class Corpus {
    private Corpus() {}

    /** One history with the model to check it under and the expected verdict. */
    public record Entry(String group, String relPath, Path file, String model, Validity expected) {}

    /** The corpus root, or null; {@code why} receives the reason when absent. */
    public static Path locate(Path repoRoot, StringBuilder why) {
        String env = System.getenv("FAULTLINE_CORPORA");
        Path p = env != null && !env.isBlank() ? Path.of(env) : repoRoot.resolve("../shared/corpora").normalize();
        if (!Files.isRegularFile(p.resolve("INDEX.md"))) {
            why.append("no corpus at ").append(p.toAbsolutePath())
                    .append(env != null ? " (from $FAULTLINE_CORPORA)" : " (../shared/corpora beside the repository; set $FAULTLINE_CORPORA)");
            return null;
        }
        return p;
    }

    /** The repository root: the nearest ancestor of the working directory with a mvnw-less parent pom and histories/. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("histories")) && Files.isDirectory(q.resolve("checker"))) {
                return q;
            }
        }
        return p;
    }

    /**
     * Every history listed in INDEX.md with an expected verdict, plus the derived etcd EDN files
     * (expected: the same verdict as their etcd log, per INDEX.md).
     */
    public static List<Entry> entries(Path root) throws IOException {
        List<Entry> out = new ArrayList<>();
        List<Entry> derived = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("INDEX.md"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("| knossos/") && !line.startsWith("| porcupine/")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 10) {
                continue; // a totals row
            }
            String rel = cells[1].trim();
            String verdict = cells[9].trim();
            Validity expected;
            if (verdict.equals("linearizable")) {
                expected = Validity.TRUE;
            } else if (verdict.equals("NOT linearizable")) {
                expected = Validity.FALSE;
            } else {
                continue; // n/a: the empty etcd_095.log has no expectation
            }
            String group = group(rel);
            out.add(new Entry(group, rel, root.resolve(rel), modelFor(rel), expected));
            if (group.equals("etcd")) {
                String name = Path.of(rel).getFileName().toString().replace(".log", ".edn");
                String drel = "derived/etcd-edn/" + name;
                derived.add(new Entry("etcd-edn", drel, root.resolve(drel), "cas-register", expected));
            }
        }
        out.addAll(derived);
        return out;
    }

    static String group(String rel) {
        if (rel.startsWith("porcupine/test_data/jepsen/")) {
            return "etcd";
        }
        if (rel.startsWith("porcupine/test_data/kv/")) {
            return "kv";
        }
        return "knossos";
    }

    /** The model each group is checked under, as INDEX.md describes. */
    static String modelFor(String rel) {
        if (rel.startsWith("porcupine/test_data/jepsen/")) {
            return "etcd";
        }
        if (rel.startsWith("porcupine/test_data/kv/")) {
            return "append-kv";
        }
        if (rel.startsWith("knossos/data/multi-register/")) {
            return "multi-register:{:x 0 :y 0}";
        }
        if (rel.startsWith("knossos/data/mutex/")) {
            return "mutex";
        }
        return "cas-register:0";
    }
}
