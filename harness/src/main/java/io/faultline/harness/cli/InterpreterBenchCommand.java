package io.faultline.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.faultline.harness.bench.InterpreterBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline bench interpreter}: interpreter throughput against a no-op client, with a bare handoff loop as the peer. */
@Command(name = "interpreter", mixinStandardHelpOptions = true,
        description = {"The harness interpreter against a no-op client, recording every op to",
                "a real history.jsonl (one flushed line per op), against a bare thread",
                "handoff loop over the same mailboxes, measured in the same run (ops/s",
                "and ratio). Exit: 0 ok, 2 bad usage, 3 error."})
public final class InterpreterBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds of each run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--concurrency", defaultValue = "10", description = "Client threads (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--dir", description = "Where to write history.jsonl (default: a temporary directory, deleted after).")
    Path dir;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0 && seconds <= 3600) || concurrency < 1 || concurrency > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--seconds must be in (0, 3600] and --concurrency in 1..1000");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path d = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("faultline-bench-interp");
        try {
            InterpreterBench.Report r = InterpreterBench.run(concurrency, seconds, d, System.err);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r.toMap()));
            } else {
                out.print(r.table());
            }
            out.flush();
            return 0;
        } finally {
            if (dir == null) {
                try (Stream<Path> s = Files.walk(d)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
