package io.faultline.raft.core;

/**
 * A message the driver must send once the Ready that holds it is durable.
 *
 * @param to          the peer
 * @param message     the message
 * @param replyToken  for a reply: the token the driver gave the request it answers; {@link #REQUEST} for a new request
 * @param inflight    for requests: counts against the follower's append window; give this object back to the
 *                    core with its outcome ({@link RaftCore#stepReply})
 * @param readRound   for the leader's requests: the newest ReadIndex round started when it was sent (local
 *                    bookkeeping, not sent on the wire); 0 otherwise
 */
public record Outgoing(int to, RaftMessage message, long replyToken, boolean inflight, long readRound) {
    public static final long REQUEST = -1;

    public Outgoing(int to, RaftMessage message, long replyToken, boolean inflight) {
        this(to, message, replyToken, inflight, 0);
    }

    public boolean isReply() {
        return replyToken != REQUEST;
    }
}
