package io.faultline.mapreduce.cli;

import io.faultline.mapreduce.bench.MrBench;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline bench mr}: wc throughput of the MapReduce processes against the sequential runner. */
@Command(name = "mr", mixinStandardHelpOptions = true,
        description = {"MapReduce wc over a generated corpus with 1, 2 and 4 worker processes, against the",
                "sequential runner measured in the same run (MB/s and ratio). Exit: 0 ok, 2 bad usage, 3 error."})
public final class MrBenchCommand implements Callable<Integer> {
    @Option(names = "--size-mb", defaultValue = "100", description = "Corpus size in MB (default ${DEFAULT-VALUE}).")
    int sizeMb;

    @Option(names = "--files", defaultValue = "16", description = "Input files, one map task each (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--workers", defaultValue = "1,2,4", split = ",", description = "Worker counts (default ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(names = "--seed", defaultValue = "42", description = "Corpus seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--heap", defaultValue = "2g", description = "-Xmx of every process (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        return CliSupport.guarded("bench", () -> {
            if (sizeMb < 1 || sizeMb > 10_240 || files < 1 || files > 10_000) {
                throw new io.faultline.mapreduce.UsageException("--size-mb must be in 1..10240 and --files in 1..10000");
            }
            for (int w : workers) {
                if (w < 1 || w > 64) {
                    throw new io.faultline.mapreduce.UsageException("--workers values must be in 1..64, got " + w);
                }
            }
            MrBench.Options o = new MrBench.Options((long) sizeMb << 20, files, workers, seed,
                    Path.of(System.getProperty("java.io.tmpdir")), List.of("-Xmx" + heap));
            MrBench.Report r = new MrBench(o, System.err).run();
            System.out.println(json ? MrBench.json(r) : MrBench.table(r));
            return MrCommand.EXIT_OK;
        });
    }
}
