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

    final long time;
    final long seq;
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

    Event(long time, long seq, byte kind, NodeContext owner, Runnable action) {
        this.time = time;
        this.seq = seq;
        this.kind = kind;
        this.owner = owner;
        this.action = action;
    }

    boolean before(Event o) {
        return time < o.time || (time == o.time && seq < o.seq);
    }
}
