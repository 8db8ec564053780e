package io.faultline.mapreduce.io;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.core.codec.CodecException;
import io.faultline.core.codec.Records;
import io.faultline.mapreduce.app.KeyValue;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One map task's pairs for one reduce task: a sequence of checksummed records
 * ({@link Records}), each {@code varint count | (key, value)*}. Reading stops with an error that
 * names the file and the offset at any torn or corrupt record.
 */
public final class IntermediateFile {
    /** Pairs per record; bounds the size of one record in memory. */
    public static final int PAIRS_PER_RECORD_MAX = 4096;

    private IntermediateFile() {}

    /** Writes {@code pairs} to a temporary file and renames it to {@code target}. */
    public static void write(Path target, List<KeyValue> pairs) throws IOException {
        Path temp = MrFiles.tempFor(target.getParent(), target.getFileName().toString());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
            ByteWriter batch = new ByteWriter(1 << 16);
            ByteWriter framed = new ByteWriter(1 << 16);
            for (int start = 0; start < pairs.size(); start += PAIRS_PER_RECORD_MAX) {
                int end = Math.min(pairs.size(), start + PAIRS_PER_RECORD_MAX);
                batch.reset();
                batch.writeVarInt(end - start);
                for (int i = start; i < end; i++) {
                    batch.writeString(pairs.get(i).key());
                    batch.writeString(pairs.get(i).value());
                }
                framed.reset();
                Records.write(framed, batch.toByteArray());
                byte[] bytes = framed.toByteArray();
                out.write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        MrFiles.publish(temp, target, false);
    }

    /** Calls {@code sink} with every pair in {@code file}, in order. */
    public static void read(Path file, BiConsumer<String, String> sink) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int offset = 0;
        while (offset < bytes.length) {
            Records.ReadResult r = Records.read(bytes, offset, bytes.length);
            if (r instanceof Records.Torn t) {
                throw new CodecException(file + ": truncated record at offset " + t.offset() + ": " + t.reason());
            }
            if (r instanceof Records.Corrupt c) {
                throw new CodecException(file + ": corrupt record at offset " + c.offset() + ": " + c.reason());
            }
            Records.Ok ok = (Records.Ok) r;
            decodeBatch(file, offset, ok.payload(), sink);
            offset = ok.nextOffset();
        }
    }

    private static void decodeBatch(Path file, int offset, byte[] payload, BiConsumer<String, String> sink) {
        try {
            ByteReader in = new ByteReader(payload);
            int count = in.readVarInt();
            if (count < 0 || count > PAIRS_PER_RECORD_MAX) {
                throw new CodecException("pair count " + count + " outside [0, " + PAIRS_PER_RECORD_MAX + "]");
            }
            for (int i = 0; i < count; i++) {
                String key = in.readString();
                sink.accept(key, in.readString());
            }
            in.expectEnd();
        } catch (CodecException e) {
            throw new CodecException(file + ": bad record at offset " + offset + ": " + e.getMessage());
        }
    }
}
