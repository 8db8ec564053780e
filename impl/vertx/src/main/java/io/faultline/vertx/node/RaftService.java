package io.faultline.vertx.node;

import io.faultline.core.Check;
import io.faultline.core.codec.Records;
import io.faultline.core.runtime.Transport;
import io.faultline.raft.api.Applied;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;
import io.faultline.vertx.VertxRuntime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code raft} system of a node process: a Raft peer whose state machine is the sequence of
 * applied commands itself. Clients outside the group propose through {@link ProposeProtocol}; the
 * answer is sent once the entry is applied here, so an acknowledged command is committed. Runs on
 * the node's context.
 */
public final class RaftService implements NodeService {
    /** One applied command. */
    public record AppliedEntry(long index, long term, byte[] command) {}

    private record Pending(long term, Transport.Responder responder, long sinceNanos) {}

    private final VertxRuntime runtime;
    private final int appliedKeepMax;
    private final int pendingMax;
    private final long pendingNanosMax;
    private final RaftNode raft;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private final ArrayDeque<AppliedEntry> applied = new ArrayDeque<>();
    private long lastApplied;
    private long digest;
    private long proposals;
    private long committedReplies;

    public RaftService(VertxRuntime runtime, RaftFactory factory, RaftConfig config, int appliedKeepMax,
                       int pendingMax, long pendingNanosMax) {
        Check.that(pendingMax > 0, "pendingMax must be positive, was %s", pendingMax);
        this.runtime = runtime;
        this.appliedKeepMax = appliedKeepMax;
        this.pendingMax = pendingMax;
        this.pendingNanosMax = pendingNanosMax;
        this.raft = factory.create(runtime, config, this::apply);
        runtime.transport().serve(ProposeProtocol.SERVICE, (from, request, responder) -> {
            ProposeProtocol.Reply r = propose(request, responder);
            if (r != null) {
                responder.reply(r.encode());
            }
        });
        sweepLater();
    }

    public RaftNode raft() {
        return raft;
    }

    /**
     * Starts {@code command}; returns the immediate answer (not leader, busy), or null when the
     * answer will go to {@code responder} once the entry's index is applied.
     */
    public ProposeProtocol.Reply propose(byte[] command, Transport.Responder responder) {
        if (pending.size() >= pendingMax) {
            return new ProposeProtocol.Reply(ProposeProtocol.Status.BUSY, -1, raft.status().term(), -1);
        }
        StartResult s = raft.start(command);
        if (!s.isLeader()) {
            return new ProposeProtocol.Reply(ProposeProtocol.Status.NOT_LEADER, -1, s.term(), raft.status().leaderHint());
        }
        proposals++;
        Pending old = pending.remove(s.index());
        if (old != null) {
            old.responder().reply(new ProposeProtocol.Reply(ProposeProtocol.Status.LOST, s.index(), old.term(), -1).encode());
        }
        pending.put(s.index(), new Pending(s.term(), responder, runtime.clock().nowNanos()));
        return null;
    }

    public RaftStatus status() {
        return raft.status();
    }

    @Override
    public RaftStatus raftStatus() {
        return raft.status();
    }

    @Override
    public void describe(io.vertx.core.json.JsonObject status) {
        status.put("lastApplied", lastApplied).put("appliedDigest", Long.toHexString(digest))
                .put("pendingProposals", pending.size()).put("proposals", proposals);
    }

    public long lastApplied() {
        return lastApplied;
    }

    /** A hash chain over every (index, term, command) applied since this process started. */
    public long digest() {
        return digest;
    }

    public long proposals() {
        return proposals;
    }

    public long committedReplies() {
        return committedReplies;
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Up to {@code max} kept applied entries with index >= {@code from}. */
    public List<AppliedEntry> applied(long from, int max) {
        List<AppliedEntry> out = new ArrayList<>();
        for (AppliedEntry e : applied) {
            if (out.size() >= max) {
                break;
            }
            if (e.index() >= from) {
                out.add(e);
            }
        }
        return out;
    }

    /** Index of the oldest applied entry still kept, or lastApplied + 1 if none is. */
    public long firstKept() {
        return applied.isEmpty() ? lastApplied + 1 : applied.peekFirst().index();
    }

    @Override
    public void kill() {
        raft.kill();
    }

    private void apply(Applied a) {
        if (a instanceof Applied.Snapshot snap) {
            applied.clear();
            lastApplied = snap.index();
            digest = mix(digest ^ snap.index() * 31 ^ snap.term());
            // entries covered by a snapshot have unknown terms here: their clients get no answer
            pending.headMap(snap.index(), true).clear();
            return;
        }
        Applied.Command c = (Applied.Command) a;
        Check.that(c.index() == lastApplied + 1, "applied index %s after %s", c.index(), lastApplied);
        lastApplied = c.index();
        digest = mix(digest ^ mix(c.index() * 0x9E3779B97F4A7C15L ^ c.term()) ^ Records.crc32c(c.command(), 0, c.command().length));
        if (appliedKeepMax > 0) {
            applied.addLast(new AppliedEntry(c.index(), c.term(), c.command()));
            if (applied.size() > appliedKeepMax) {
                applied.removeFirst();
            }
        }
        Pending p = pending.remove(c.index());
        if (p != null) {
            boolean same = p.term() == c.term();
            if (same) {
                committedReplies++;
            }
            p.responder().reply(new ProposeProtocol.Reply(same ? ProposeProtocol.Status.COMMITTED : ProposeProtocol.Status.LOST,
                    c.index(), same ? c.term() : p.term(), -1).encode());
        }
    }

    private void sweepLater() {
        runtime.clock().setTimer(1_000_000_000L, () -> {
            long now = runtime.clock().nowNanos();
            Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator();
            while (it.hasNext()) {
                if (now - it.next().getValue().sinceNanos() > pendingNanosMax) {
                    it.remove(); // the client has long given up; the outcome stays unknown to it
                }
            }
            if (raft.status().role() != RaftStatus.Role.DEAD) {
                sweepLater();
            }
        });
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
