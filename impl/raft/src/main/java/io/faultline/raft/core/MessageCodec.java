package io.faultline.raft.core;

import io.faultline.core.codec.ByteReader;
import io.faultline.core.codec.ByteWriter;
import io.faultline.core.codec.CodecException;
import io.faultline.raft.core.RaftMessage.AppendEntries;
import io.faultline.raft.core.RaftMessage.AppendEntriesReply;
import io.faultline.raft.core.RaftMessage.InstallSnapshot;
import io.faultline.raft.core.RaftMessage.InstallSnapshotReply;
import io.faultline.raft.core.RaftMessage.RequestVote;
import io.faultline.raft.core.RaftMessage.RequestVoteReply;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary encoding of {@link RaftMessage}: a tag byte, then varints. AppendEntries sends
 * entry indexes implicitly (prevLogIndex + 1 + i), so an entry costs its term, a length and the
 * command bytes. The transport frames and checksums the bytes.
 */
public final class MessageCodec {
    private static final int TAG_REQUEST_VOTE = 1;
    private static final int TAG_REQUEST_VOTE_REPLY = 2;
    private static final int TAG_APPEND_ENTRIES = 3;
    private static final int TAG_APPEND_ENTRIES_REPLY = 4;
    private static final int TAG_INSTALL_SNAPSHOT = 5;
    private static final int TAG_INSTALL_SNAPSHOT_REPLY = 6;
    /** Most entries one decoded AppendEntries may claim; more is treated as malformed. */
    public static final int ENTRIES_PER_MESSAGE_MAX = 1_000_000;

    private MessageCodec() {}

    public static byte[] encode(RaftMessage m) {
        ByteWriter w = new ByteWriter(32);
        if (m instanceof RequestVote rv) {
            w.writeByte(TAG_REQUEST_VOTE).writeVarLong(rv.term()).writeVarLong(rv.lastLogIndex())
                    .writeVarLong(rv.lastLogTerm());
        } else if (m instanceof RequestVoteReply r) {
            w.writeByte(TAG_REQUEST_VOTE_REPLY).writeVarLong(r.term()).writeBoolean(r.granted());
        } else if (m instanceof AppendEntries ae) {
            w.writeByte(TAG_APPEND_ENTRIES).writeVarLong(ae.term()).writeVarLong(ae.prevLogIndex())
                    .writeVarLong(ae.prevLogTerm()).writeVarLong(ae.leaderCommit()).writeVarInt(ae.entries().size());
            for (Entry e : ae.entries()) {
                w.writeVarLong(e.term()).writeBytes(e.command());
            }
        } else if (m instanceof AppendEntriesReply r) {
            w.writeByte(TAG_APPEND_ENTRIES_REPLY).writeVarLong(r.term()).writeBoolean(r.success())
                    .writeVarLong(r.matchIndex()).writeVarLong(r.conflictIndex()).writeVarLong(r.conflictTerm());
        } else if (m instanceof InstallSnapshot s) {
            w.writeByte(TAG_INSTALL_SNAPSHOT).writeVarLong(s.term()).writeVarLong(s.lastIncludedIndex())
                    .writeVarLong(s.lastIncludedTerm()).writeBytes(s.data());
        } else if (m instanceof InstallSnapshotReply r) {
            w.writeByte(TAG_INSTALL_SNAPSHOT_REPLY).writeVarLong(r.term()).writeVarLong(r.matchIndex());
        } else {
            throw new IllegalArgumentException("unknown message " + m);
        }
        return w.toByteArray();
    }

    /** Decodes one whole message; malformed input is a {@link CodecException} naming the offset. */
    public static RaftMessage decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        int tag = r.readByte();
        RaftMessage m = switch (tag) {
            case TAG_REQUEST_VOTE -> new RequestVote(nonNegative(r), nonNegative(r), nonNegative(r));
            case TAG_REQUEST_VOTE_REPLY -> new RequestVoteReply(nonNegative(r), r.readBoolean());
            case TAG_APPEND_ENTRIES -> decodeAppend(r);
            case TAG_APPEND_ENTRIES_REPLY -> new AppendEntriesReply(nonNegative(r), r.readBoolean(), nonNegative(r),
                    nonNegative(r), nonNegative(r));
            case TAG_INSTALL_SNAPSHOT -> new InstallSnapshot(nonNegative(r), nonNegative(r), nonNegative(r),
                    r.readBytes());
            case TAG_INSTALL_SNAPSHOT_REPLY -> new InstallSnapshotReply(nonNegative(r), nonNegative(r));
            default -> throw new CodecException("unknown raft message tag " + tag + " at offset 0");
        };
        r.expectEnd();
        return m;
    }

    private static AppendEntries decodeAppend(ByteReader r) {
        long term = nonNegative(r);
        long prevIndex = nonNegative(r);
        long prevTerm = nonNegative(r);
        long commit = nonNegative(r);
        int at = r.position();
        int count = r.readVarInt();
        if (count < 0 || count > ENTRIES_PER_MESSAGE_MAX || count > r.remaining()) {
            throw new CodecException("bad entry count " + count + " at offset " + at);
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int entryAt = r.position();
            long entryTerm = r.readVarLong();
            if (entryTerm < 1) {
                throw new CodecException("entry term " + entryTerm + " at offset " + entryAt);
            }
            entries.add(new Entry(prevIndex + 1 + i, entryTerm, r.readBytes()));
        }
        return new AppendEntries(term, prevIndex, prevTerm, entries, commit);
    }

    private static long nonNegative(ByteReader r) {
        int at = r.position();
        long v = r.readVarLong();
        if (v < 0) {
            throw new CodecException("negative value " + v + " at offset " + at);
        }
        return v;
    }
}
