package io.faultline.mapreduce.cli;

import io.faultline.mapreduce.UsageException;
import io.faultline.mapreduce.app.AppContext;
import io.faultline.mapreduce.app.Apps;
import io.faultline.mapreduce.io.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sequential", mixinStandardHelpOptions = true,
        description = {"The reference: runs app NAME over FILES in one process and writes one output file",
                "(sorted by key, one \"<key> <value>\" line per key). Exit: 0 ok, 2 bad usage, 3 error."})
public final class SequentialCommand implements Callable<Integer> {
    @Option(names = "--app", required = true, paramLabel = "NAME", description = "The app to run (see 'mr worker --help').")
    String appName;

    @Option(names = "--out", description = "Output file (default ${DEFAULT-VALUE}).", defaultValue = "mr-out-0")
    String out;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "Input files.")
    List<String> files;

    @Override
    public Integer call() {
        return CliSupport.guarded("sequential", () -> {
            AppContext ctx = AppContext.forThisProcess();
            for (String f : files) {
                if (!Files.isRegularFile(ctx.workDir().resolve(f))) {
                    throw new UsageException("input file " + f + " does not exist (in " + ctx.workDir() + ")");
                }
            }
            Sequential.run(Apps.load(appName, ctx), ctx.workDir(), files, Path.of(out));
            return MrCommand.EXIT_OK;
        });
    }
}
