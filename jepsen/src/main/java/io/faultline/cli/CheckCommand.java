package io.faultline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.faultline.checker.Budget;
import io.faultline.checker.CheckResult;
import io.faultline.checker.HtmlRenderer;
import io.faultline.checker.Linearizability;
import io.faultline.checker.Model;
import io.faultline.checker.Validity;
import io.faultline.checker.model.Models;
import io.faultline.histories.Histories;
import io.faultline.histories.History;
import io.faultline.histories.HistoryFormat;
import io.faultline.histories.HistoryFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultline check}: checks history files for linearizability. Exit 0 valid, 1 invalid,
 * 2 unknown, 3 error (unreadable or malformed input, unknown model); with several files the worst
 * (error, then invalid, then unknown).
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks histories for linearizability. Reads JSON Lines, Jepsen history.edn, Knossos EDN",
            "(a vector or list of op maps), Jepsen 0.0.x logs and Porcupine kv files.",
            "Exit codes: 0 valid, 1 invalid, 2 unknown (budget ran out), 3 error."
        })
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M",
            description = "register, cas-register[:INIT], etcd, mutex, multi-register[:{...}], fifo-queue, "
                    + "unordered-queue, set, versioned-kv, append-kv. Guessed from the ops when absent.")
    String model;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "0",
            description = "Search time per file; 0 = none (memory-bounded). Out of budget means unknown, never ok.")
    double timeLimitSeconds;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--html", paramLabel = "DIR", description = "Write a counterexample page per invalid file into DIR.")
    Path htmlDir;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        if (!(timeLimitSeconds >= 0) || timeLimitSeconds > 86_400) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--time-limit must be in [0, 86400] seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int worst = Main.EXIT_OK;
        List<Object> jsonFiles = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("file", file.toString());
            int code;
            try {
                code = checkOne(file, out, j);
            } catch (HistoryFormatException e) {
                code = fail(err, j, e.getMessage());
            } catch (IOException e) {
                code = fail(err, j, file + ": cannot read: " + e);
            } catch (IllegalArgumentException e) {
                code = fail(err, j, file + ": " + e.getMessage());
            }
            jsonFiles.add(j);
            worst = worse(worst, code);
        }
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("exitCode", worst);
            all.put("files", jsonFiles);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all));
        }
        out.flush();
        err.flush();
        return worst;
    }

    private int fail(PrintWriter err, Map<String, Object> j, String message) {
        err.println("faultline check: error: " + message);
        j.put("error", message);
        return Main.EXIT_ERROR;
    }

    private int checkOne(Path file, PrintWriter out, Map<String, Object> j) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file");
        }
        HistoryFormat format = Histories.detect(file);
        History h = Histories.read(file);
        Model m;
        String how;
        if (model != null) {
            m = Models.byName(model);
            how = "given";
        } else {
            Models.Guess g = Models.guess(h, format);
            m = g.model();
            how = "guessed: " + g.reason();
        }
        Budget budget = timeLimitSeconds > 0 ? Budget.ofSeconds(timeLimitSeconds) : Budget.unlimitedTime();
        long t0 = System.nanoTime();
        CheckResult r = new Linearizability(m).check(h, budget);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String verdict = r.valid() == Validity.TRUE ? "valid" : r.valid() == Validity.FALSE ? "INVALID" : "unknown";
        j.put("model", m.name());
        j.put("modelChosen", how);
        j.put("ms", ms);
        j.put("result", r.toMap());
        String html = null;
        if (r.valid() == Validity.FALSE && htmlDir != null && r.counterexample() != null) {
            Files.createDirectories(htmlDir);
            Path page = htmlDir.resolve(file.getFileName().toString() + ".html");
            Files.writeString(page, HtmlRenderer.render(r.counterexample(), file.getFileName() + " is not linearizable"),
                    StandardCharsets.UTF_8);
            html = page.toString();
            j.put("html", html);
        }
        if (!json) {
            out.printf(Locale.ROOT, "%s: %s under %s (%s) in %d ms: %s%n", file, verdict, m.name(), how, ms, r.summary());
            if (r.counterexample() != null) {
                out.print(r.counterexample().toText());
            }
            if (html != null) {
                out.println("  counterexample page: " + html);
            }
        }
        return r.valid().exitCode();
    }

    /** Error beats invalid beats unknown beats valid. */
    static int worse(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        switch (code) {
            case Main.EXIT_ERROR: return 3;
            case Main.EXIT_FAILED: return 2;
            case Main.EXIT_USAGE: return 1;
            default: return 0;
        }
    }
}
