package io.faultline.sim;

/** One scheduled event; ordered by (time, seq). Internal. */
final class Event {
    static final byte TASK = 1;
    static final byte TIMER = 2;
    static final byte DISPATCH = 3;
    static final byte REPLY_POLL = 4;
    static final byte DELIVER = 5;
    static final byte TIMEOUT = 6;
    static final byte SYNC = 7;
    static final byte HARNESS = 8;

    /** Not final: an event deferred while its node was paused is re-queued later. */
    long time;
    long seq;
    final byte kind;
    /** The node context that must be alive for the action to run; null for global events. */
    final NodeContext owner;
    final Runnable action;
    /** Extra data folded into the trace hash (e.g. a message hash). */
    long traceData;
    boolean cancelled;
    /** For TASK events: the task to wake, and the wait it ends. */
    SimTask<?> task;
    long taskToken;
    /** For TIMER events: the id returned by setTimer (the original seq). */
    long timerId;
    /** For network events: the call, for {@link #describe()}. */
    RpcCall call;

    Event(long time, long seq, byte kind, NodeContext owner, Runnable action) {
        this.time = time;
        this.seq = seq;
        this.kind = kind;
        this.owner = owner;
        this.action = action;
    }

    /** One line for event logs, e.g. {@code 1.234567890s DISPATCH Raft.AppendEntries server-0-1 -> server-0-2}. */
    String describe() {
        StringBuilder b = new StringBuilder(64);
        b.append(String.format("%d.%09ds ", time / 1_000_000_000L, time % 1_000_000_000L));
        b.append(switch (kind) {
            case TASK -> "TASK";
            case TIMER -> "TIMER";
            case DISPATCH -> "DISPATCH";
            case REPLY_POLL -> "REPLY_POLL";
            case DELIVER -> "DELIVER";
            case TIMEOUT -> "TIMEOUT";
            case SYNC -> "SYNC";
            default -> "HARNESS";
        });
        if (task != null) {
            b.append(" task '").append(task.name).append('\'');
        }
        if (call != null) {
            End end = call.end;
            b.append(' ').append(call.service).append(' ')
                    .append(end.owner != null ? end.owner.name : "client")
                    .append(" -> ").append(end.serverName);
            if (kind == DELIVER) {
                b.append(call.ok ? " (reply)" : " (failed)");
            }
        } else if (owner != null) {
            b.append(' ').append(owner.name);
        }
        return b.toString();
    }

    boolean before(Event o) {
        return time < o.time || (time == o.time && seq < o.seq);
    }
}
