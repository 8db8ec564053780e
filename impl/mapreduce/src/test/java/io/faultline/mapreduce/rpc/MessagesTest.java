package io.faultline.mapreduce.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faultline.core.codec.ByteWriter;
import io.faultline.core.codec.CodecException;
import io.faultline.mapreduce.core.Assignment;
import io.faultline.mapreduce.core.Scheduler;
import io.faultline.mapreduce.core.TaskKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void assignmentsRoundTrip() {
        List<Assignment> all = List.of(new Assignment.MapTask(3, 2, "../pg-tom_sawyer.txt", 10),
                new Assignment.ReduceTask(9, 1, 8), new Assignment.Wait(250), new Assignment.Exit());
        for (Assignment a : all) {
            assertEquals(a, Messages.decodeAssignment(Messages.encodeAssignment(a)));
        }
    }

    @Test
    void reportsAndRequestsRoundTrip() {
        Messages.Done d = new Messages.Done(TaskKind.REDUCE, 4, 3, 123456L);
        assertEquals(d, Messages.decodeDone(Messages.encodeDone(d)));
        assertEquals(777L, Messages.decodeGetTask(Messages.encodeGetTask(777L)));
        for (Scheduler.Report r : Scheduler.Report.values()) {
            assertEquals(r, Messages.decodeReport(Messages.encodeReport(r)));
        }
    }

    @Test
    void malformedRepliesAreRejectedNotGuessed() {
        byte[] ok = Messages.encodeAssignment(new Assignment.MapTask(1, 1, "f", 10));
        assertThrows(CodecException.class, () -> Messages.decodeAssignment(new byte[0]), "empty");
        assertThrows(CodecException.class, () -> Messages.decodeAssignment(new byte[] {42}), "unknown tag");
        assertThrows(CodecException.class, () -> Messages.decodeAssignment(Arrays.copyOf(ok, ok.length - 1)), "truncated");
        assertThrows(CodecException.class, () -> Messages.decodeAssignment(Arrays.copyOf(ok, ok.length + 1)), "trailing byte");
        byte[] zeroReduce = new ByteWriter().writeByte(1).writeVarInt(0).writeVarInt(1).writeString("f").writeVarInt(0).toByteArray();
        assertThrows(CodecException.class, () -> Messages.decodeAssignment(zeroReduce), "reduceCount 0");
        byte[] zeroWait = new ByteWriter().writeByte(3).writeVarLong(0).toByteArray();
        assertThrows(CodecException.class, () -> Messages.decodeAssignment(zeroWait), "wait 0");
        assertThrows(CodecException.class, () -> Messages.decodeReport(new byte[] {9}));
        assertThrows(CodecException.class, () -> Messages.decodeDone(new byte[] {5, 0, 1, 1}));
    }
}
