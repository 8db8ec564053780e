package io.faultline.dashboards;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A run directory as one zip (regular files only, symlinks not followed), entries under the run's name. */
public final class RunZip {
    private RunZip() {}

    public static void write(Path runDir, Path zip) throws IOException {
        String prefix = runDir.getParent().getFileName() + "/" + runDir.getFileName() + "/";
        List<Path> files;
        try (Stream<Path> s = Files.walk(runDir)) {
            files = s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted()
                    .collect(Collectors.toList());
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Path f : files) {
                ZipEntry e = new ZipEntry(prefix + runDir.relativize(f).toString().replace('\\', '/'));
                e.setTime(Files.getLastModifiedTime(f).toMillis());
                z.putNextEntry(e);
                Files.copy(f, z);
                z.closeEntry();
            }
        }
    }
}
