package io.faultline.mapreduce.io;

import io.faultline.mapreduce.app.KeyValue;
import io.faultline.mapreduce.app.MrApp;
import io.faultline.mapreduce.app.Words;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The reference runner (6.5840's mrsequential): map every file in order, group all pairs by key,
 * reduce each key once, write one output file. The distributed run must produce the same lines.
 */
public final class Sequential {
    private Sequential() {}

    public static void run(MrApp app, Path workDir, List<String> inputFiles, Path output) throws IOException {
        TreeMap<String, List<String>> groups = new TreeMap<>(Words.CODE_POINT_ORDER);
        for (String file : inputFiles) {
            String contents = TaskRunner.readInput(workDir, file);
            for (KeyValue kv : app.map(file, contents)) {
                groups.computeIfAbsent(kv.key(), x -> new ArrayList<>()).add(kv.value());
            }
        }
        TaskRunner.writeOutput(app, groups, workDir.resolve(output));
    }
}
