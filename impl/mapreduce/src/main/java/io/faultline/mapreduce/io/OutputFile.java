package io.faultline.mapreduce.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a reduce output ({@code "<key> <value>\n"} per key) to a temporary file, forces it to
 * disk and renames it into place: the final name only ever holds a complete file.
 */
public final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final Writer out;
    private boolean published;

    public OutputFile(Path target) throws IOException {
        this.target = target;
        this.temp = MrFiles.tempFor(target.toAbsolutePath().getParent(), target.getFileName().toString());
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16);
    }

    public void line(String key, String value) throws IOException {
        out.write(key);
        out.write(' ');
        out.write(value);
        out.write('\n');
    }

    /** Closes the temporary file and renames it to the target. */
    public void publish() throws IOException {
        out.close();
        MrFiles.publish(temp, target, true);
        published = true;
    }

    /** Removes the temporary file if {@link #publish} did not happen. */
    @Override
    public void close() throws IOException {
        if (!published) {
            out.close();
            Files.deleteIfExists(temp);
        }
    }
}
