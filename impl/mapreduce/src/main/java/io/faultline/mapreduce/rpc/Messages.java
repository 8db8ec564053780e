package io.faultline.mapreduce.rpc;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.core.codec.CodecException;
import io.faultline.mapreduce.core.Assignment;
import io.faultline.mapreduce.core.Scheduler;
import io.faultline.mapreduce.core.TaskKind;

/**
 * The coordinator protocol: two services, each a request and a reply in the compact codec.
 * {@value #GET_TASK}: {@code varint workerPid} → an {@link Assignment}. {@value #TASK_DONE}: a
 * {@link Done} → a {@link Scheduler.Report}. Every decoder rejects unknown tags and trailing bytes
 * with a {@link CodecException}, so a garbled message is never half-understood.
 */
public final class Messages {
    public static final String GET_TASK = "mr.getTask";
    public static final String TASK_DONE = "mr.taskDone";
    private static final int TAG_MAP = 1;
    private static final int TAG_REDUCE = 2;
    private static final int TAG_WAIT = 3;
    private static final int TAG_EXIT = 4;
    private static final int FILE_NAME_CHARS_MAX = 4096;

    private Messages() {}

    /** A worker's report that it finished (and published the output of) one task attempt. */
    public record Done(TaskKind kind, int taskId, int attempt, long workerPid) {}

    public static byte[] encodeGetTask(long workerPid) {
        return new ByteWriter(10).writeVarLong(workerPid).toByteArray();
    }

    public static long decodeGetTask(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        long pid = in.readVarLong();
        in.expectEnd();
        return pid;
    }

    public static byte[] encodeAssignment(Assignment a) {
        ByteWriter w = new ByteWriter(64);
        if (a instanceof Assignment.MapTask m) {
            w.writeByte(TAG_MAP).writeVarInt(m.taskId()).writeVarInt(m.attempt())
                    .writeString(m.fileName()).writeVarInt(m.reduceCount());
        } else if (a instanceof Assignment.ReduceTask r) {
            w.writeByte(TAG_REDUCE).writeVarInt(r.taskId()).writeVarInt(r.attempt()).writeVarInt(r.mapCount());
        } else if (a instanceof Assignment.Wait wait) {
            w.writeByte(TAG_WAIT).writeVarLong(wait.waitMs());
        } else {
            w.writeByte(TAG_EXIT);
        }
        return w.toByteArray();
    }

    public static Assignment decodeAssignment(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int tag = in.readByte();
        Assignment a;
        try {
            switch (tag) {
                case TAG_MAP -> {
                    int id = in.readVarInt();
                    int attempt = in.readVarInt();
                    String file = in.readString();
                    if (file.length() > FILE_NAME_CHARS_MAX) {
                        throw new CodecException("file name of " + file.length() + " chars");
                    }
                    a = new Assignment.MapTask(id, attempt, file, in.readVarInt());
                }
                case TAG_REDUCE -> a = new Assignment.ReduceTask(in.readVarInt(), in.readVarInt(), in.readVarInt());
                case TAG_WAIT -> a = new Assignment.Wait(in.readVarLong());
                case TAG_EXIT -> a = new Assignment.Exit();
                default -> throw new CodecException("unknown assignment tag " + tag);
            }
        } catch (IllegalStateException e) {
            throw new CodecException("invalid assignment: " + e.getMessage());
        }
        in.expectEnd();
        return a;
    }

    public static byte[] encodeDone(Done d) {
        return new ByteWriter(16).writeByte(d.kind().ordinal()).writeVarInt(d.taskId())
                .writeVarInt(d.attempt()).writeVarLong(d.workerPid()).toByteArray();
    }

    public static Done decodeDone(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int kind = in.readByte();
        if (kind < 0 || kind >= TaskKind.values().length) {
            throw new CodecException("unknown task kind " + kind);
        }
        Done d = new Done(TaskKind.values()[kind], in.readVarInt(), in.readVarInt(), in.readVarLong());
        in.expectEnd();
        return d;
    }

    public static byte[] encodeReport(Scheduler.Report r) {
        return new byte[] {(byte) r.ordinal()};
    }

    public static Scheduler.Report decodeReport(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int r = in.readByte();
        if (r < 0 || r >= Scheduler.Report.values().length) {
            throw new CodecException("unknown report " + r);
        }
        in.expectEnd();
        return Scheduler.Report.values()[r];
    }
}
