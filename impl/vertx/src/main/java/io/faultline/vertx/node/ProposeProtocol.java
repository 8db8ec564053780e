package io.faultline.vertx.node;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;

/**
 * The client service of a Raft node process, {@value #SERVICE}: the request is the command's
 * bytes; the reply says what became of it. Only {@link Status#COMMITTED} acknowledges a command:
 * it was committed at {@code index} in {@code term} and applied on the node that answered.
 * {@link Status#NOT_LEADER}, {@link Status#BUSY} (too many proposals pending) and {@link Status#LOST}
 * mean it will never commit (not appended; or its index was taken by another term's entry). A
 * failed call (no reply) is indeterminate.
 */
public final class ProposeProtocol {
    public static final String SERVICE = "raft.propose";

    private ProposeProtocol() {}

    public enum Status { COMMITTED, NOT_LEADER, LOST, BUSY }

    /** The reply; {@code leaderHint} is -1 when unknown. */
    public record Reply(Status status, long index, long term, int leaderHint) {
        public byte[] encode() {
            return new ByteWriter(24).writeByte(status.ordinal()).writeVarLong(index).writeVarLong(term)
                    .writeSignedVarLong(leaderHint).toByteArray();
        }

        public static Reply decode(byte[] bytes) {
            ByteReader in = new ByteReader(bytes);
            int s = in.readByte();
            if (s >= Status.values().length) {
                throw new io.faultline.core.codec.CodecException("unknown propose status " + s);
            }
            Reply r = new Reply(Status.values()[s], in.readVarLong(), in.readVarLong(), (int) in.readSignedVarLong());
            in.expectEnd();
            return r;
        }
    }
}
