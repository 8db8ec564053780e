package io.faultline.mapreduce.cli;

import io.faultline.mapreduce.SelfTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Runs a tiny wc job (coordinator + worker over loopback, in one process, in a scratch",
                "directory) and checks it against the sequential runner. Exit: 0 ok, 3 error."})
public final class SelfTestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return CliSupport.guarded("selftest", () -> {
            Path dir = Files.createTempDirectory("faultline-mr-selftest-");
            SelfTest.run(dir, System.err);
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            System.out.println("mapreduce self-test passed");
            return MrCommand.EXIT_OK;
        });
    }
}
