package io.faultline.raft.core;

import io.faultline.core.Check;
import java.util.Arrays;
import java.util.List;

/**
 * The Raft RPCs (Raft paper, Figure 2, plus InstallSnapshot from §7). Sender and receiver ids are
 * not part of a message: the transport knows who called whom. Replies carry enough to be
 * interpreted together with the request they answer.
 */
public sealed interface RaftMessage {
    long term();

    /** §5.2: a candidate asks for a vote. */
    record RequestVote(long term, long lastLogIndex, long lastLogTerm) implements RaftMessage {}

    record RequestVoteReply(long term, boolean granted) implements RaftMessage {}

    /**
     * §5.3: entries {@code prevLogIndex+1 ..}; an empty list is a heartbeat or a probe. Entry
     * indexes are implied by {@code prevLogIndex} on the wire and checked here.
     */
    record AppendEntries(long term, long prevLogIndex, long prevLogTerm, List<Entry> entries, long leaderCommit)
            implements RaftMessage {
        public AppendEntries {
            entries = List.copyOf(entries);
            for (int i = 0; i < entries.size(); i++) {
                Check.that(entries.get(i).index() == prevLogIndex + 1 + i, "entry %s is not at index %s",
                        entries.get(i), prevLogIndex + 1 + i);
            }
        }
    }

    /**
     * {@code success}: the follower's log now matches the leader's through {@code matchIndex}.
     * Otherwise, {@code conflictIndex >= 1} is a log mismatch with a fast-backup hint: the follower
     * can match at most through {@code conflictIndex - 1}, where its term is {@code conflictTerm}
     * (the largest index at or below prevLogIndex whose term is at most prevLogTerm);
     * {@code conflictIndex == 0} is a rejection for a stale term.
     */
    record AppendEntriesReply(long term, boolean success, long matchIndex, long conflictIndex, long conflictTerm)
            implements RaftMessage {}

    /** §7: the whole snapshot in one message. */
    record InstallSnapshot(long term, long lastIncludedIndex, long lastIncludedTerm, byte[] data)
            implements RaftMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof InstallSnapshot s && s.term == term && s.lastIncludedIndex == lastIncludedIndex
                    && s.lastIncludedTerm == lastIncludedTerm && Arrays.equals(s.data, data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(term) ^ Long.hashCode(lastIncludedIndex) ^ Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "InstallSnapshot[term=" + term + ", " + lastIncludedIndex + "@" + lastIncludedTerm + ", "
                    + data.length + "B]";
        }
    }

    /** {@code matchIndex}: the snapshot's index when accepted, 0 when rejected for a stale term. */
    record InstallSnapshotReply(long term, long matchIndex) implements RaftMessage {}
}
