package io.faultline.dashboards;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's logs (run.log and nodes/NODE/*.log) with server-side search and paging, so a large
 * log is never sent whole: a page is at most {@link #PAGE_LINES_MAX} lines.
 */
public final class Logs {
    public static final int PAGE_LINES_MAX = 2000;
    public static final int LINE_CHARS_MAX = 4000;

    private Logs() {}

    /** The log files of a run as relative paths, run.log first. */
    public static List<Map<String, Object>> list(Path runDir) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        Path runLog = runDir.resolve("run.log");
        if (Files.isRegularFile(runLog)) {
            out.add(entry("run.log", runLog));
        }
        Path nodes = runDir.resolve("nodes");
        if (Files.isDirectory(nodes)) {
            TreeMap<String, Path> found = new TreeMap<>();
            try (DirectoryStream<Path> ns = Files.newDirectoryStream(nodes)) {
                for (Path n : ns) {
                    if (!Files.isDirectory(n)) {
                        continue;
                    }
                    try (DirectoryStream<Path> fs = Files.newDirectoryStream(n, "*.log")) {
                        for (Path f : fs) {
                            found.put("nodes/" + n.getFileName() + "/" + f.getFileName(), f);
                        }
                    }
                }
            }
            for (Map.Entry<String, Path> e : found.entrySet()) {
                out.add(entry(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private static Map<String, Object> entry(String rel, Path f) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", rel);
        m.put("sizeBytes", Files.size(f));
        return m;
    }

    /**
     * Lines of {@code file} matching {@code query} (case-insensitive substring; all lines when
     * blank), skipping the first {@code offset} matches and returning up to {@code limit}, with
     * their 1-based line numbers and the total number of matches.
     */
    public static Map<String, Object> page(Path file, String query, long offset, int limit) throws IOException {
        int max = Math.max(1, Math.min(PAGE_LINES_MAX, limit));
        String q = query == null || query.isBlank() ? null : query.toLowerCase(Locale.ROOT);
        List<Object[]> lines = new ArrayList<>();
        long matches = 0;
        long lineNo = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (q != null && !line.toLowerCase(Locale.ROOT).contains(q)) {
                    continue;
                }
                if (matches >= offset && lines.size() < max) {
                    lines.add(new Object[] {lineNo, line.length() > LINE_CHARS_MAX ? line.substring(0, LINE_CHARS_MAX) + " ..." : line});
                }
                matches++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query", query == null ? "" : query);
        m.put("offset", offset);
        m.put("matches", matches);
        m.put("linesInFile", lineNo);
        m.put("lines", lines);
        return m;
    }
}
