package io.faultline.mapreduce.io;

import io.faultline.mapreduce.app.KeyValue;
import io.faultline.mapreduce.app.MrApp;
import io.faultline.mapreduce.app.Words;
import io.faultline.mapreduce.core.Partition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs one map or reduce task of an app against files in a working directory. */
public final class TaskRunner {
    private final MrApp app;
    private final Path workDir;

    public TaskRunner(MrApp app, Path workDir) {
        this.app = app;
        this.workDir = workDir;
    }

    /** Maps {@code fileName} (resolved against the working directory) into {@code mr-<task>-<r>} files. */
    public void runMap(int taskId, String fileName, int reduceCount) throws IOException {
        String contents = readInput(workDir, fileName);
        List<KeyValue> pairs = app.map(fileName, contents);
        List<List<KeyValue>> buckets = new ArrayList<>(reduceCount);
        for (int r = 0; r < reduceCount; r++) {
            buckets.add(new ArrayList<>());
        }
        for (KeyValue kv : pairs) {
            buckets.get(Partition.bucket(kv.key(), reduceCount)).add(kv);
        }
        for (int r = 0; r < reduceCount; r++) {
            IntermediateFile.write(workDir.resolve(MrFiles.intermediateName(taskId, r)), buckets.get(r));
        }
    }

    /** Reduces the {@code mr-<m>-<task>} files of every map task into {@code mr-out-<task>}. */
    public void runReduce(int taskId, int mapCount) throws IOException {
        TreeMap<String, List<String>> groups = new TreeMap<>(Words.CODE_POINT_ORDER);
        String[] lastValue = {null};
        for (int m = 0; m < mapCount; m++) {
            IntermediateFile.read(workDir.resolve(MrFiles.intermediateName(m, taskId)), (k, v) -> {
                String value = v.equals(lastValue[0]) ? lastValue[0] : v;
                lastValue[0] = value;
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(value);
            });
        }
        writeOutput(app, groups, workDir.resolve(MrFiles.outputName(taskId)));
    }

    /** Reduces every group in key order into one published output file. */
    public static void writeOutput(MrApp app, TreeMap<String, List<String>> groups, Path target) throws IOException {
        try (OutputFile out = new OutputFile(target)) {
            for (Map.Entry<String, List<String>> e : groups.entrySet()) {
                out.line(e.getKey(), app.reduce(e.getKey(), e.getValue()));
            }
            out.publish();
        }
    }

    /** The contents of an input file, with an error that names it if it cannot be read. */
    public static String readInput(Path workDir, String fileName) throws IOException {
        Path p = workDir.resolve(fileName);
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(fileName, null, "input file does not exist (resolved to " + p + ")");
        }
    }
}
