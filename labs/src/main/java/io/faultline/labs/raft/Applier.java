package io.faultline.labs.raft;

import io.faultline.core.Check;
import io.faultline.core.codec.CodecException;
import io.faultline.raft.api.Applied;
import io.faultline.raft.api.ApplySink;
import io.faultline.raft.api.RaftNode;

/**
 * The harness's apply-channel reader for one incarnation of one server (Go {@code rfsrv.applier}
 * and {@code applierSnap}). It runs wherever the node delivers applies: on the simulator, on the
 * node's context; on a real runtime, inside the node process, which would forward to the harness.
 *
 * <p>Command mode records every command and checks agreement and order. Snapshot mode also needs
 * index == lastApplied + 1, and after index i with (i + 1) % 10 == 0 it snapshots
 * (i, commands[0..i]) by calling {@link RaftNode#snapshot} synchronously, from inside the apply.
 */
public final class Applier implements ApplySink {
    /** Go's {@code SnapShotInterval}. */
    public static final int SNAPSHOT_INTERVAL = 10;

    private final ApplyLogs logs;
    private final ServerLog log;
    private final boolean snapshotMode;
    private RaftNode node;
    private boolean stopped;

    public Applier(ApplyLogs logs, int server, boolean snapshotMode) {
        this.logs = logs;
        this.log = logs.newIncarnation(server);
        this.snapshotMode = snapshotMode;
    }

    /** The node this applier snapshots into; set right after the node is created. */
    public void attach(RaftNode node) {
        Check.that(this.node == null, "applier of server %s attached twice", log.server());
        this.node = node;
    }

    /** After a crash: later applies from the dead incarnation are ignored. */
    public void stop() {
        stopped = true;
    }

    /**
     * Ingests a snapshot the runtime read from the server's persisted state at start (Go's
     * {@code ingestSnap(snapshot, -1)}), for runtimes that can read it; a Raft may also hand it up
     * as its first {@link Applied.Snapshot}.
     */
    public void ingestAtStart(byte[] snapshot) {
        String error = ingest(snapshot, -1);
        if (error != null) {
            logs.reportError(error);
        }
    }

    @Override
    public void apply(Applied applied) {
        if (stopped) {
            return;
        }
        String error;
        if (applied instanceof Applied.Command c) {
            error = snapshotMode ? applySnapMode(c) : logs.recordCommand(log, c.index(), c.command());
        } else {
            Applied.Snapshot s = (Applied.Snapshot) applied;
            error = snapshotMode ? ingest(s.data(), s.index()) : null; // command mode ignores snapshots
        }
        if (error != null) {
            logs.reportError(error);
        }
    }

    private String applySnapMode(Applied.Command c) {
        String error = null;
        if (c.index() != log.lastApplied() + 1) {
            error = String.format("server %d apply out of order, expected index %d, got %d",
                    log.server(), log.lastApplied() + 1, c.index());
        }
        if (error == null) {
            error = logs.recordCommand(log, c.index(), c.command());
        }
        log.setLastApplied(c.index());
        if ((c.index() + 1) % SNAPSHOT_INTERVAL == 0 && node != null) {
            node.snapshot(c.index(), SnapshotCodec.encode(c.index(), log));
        }
        return error;
    }

    private String ingest(byte[] snapshot, long index) {
        if (snapshot == null) {
            return "server " + log.server() + ": nil snapshot";
        }
        SnapshotCodec.Decoded d;
        try {
            d = SnapshotCodec.decode(snapshot);
        } catch (CodecException e) {
            return "server " + log.server() + ": failed to decode snapshot: " + e.getMessage();
        }
        if (index != -1 && index != d.lastIncludedIndex()) {
            return String.format("server %d snapshot doesn't match SnapshotIndex (%d != %d)",
                    log.server(), d.lastIncludedIndex(), index);
        }
        logs.recordSnapshot(log, d.lastIncludedIndex(), d.commands());
        return null;
    }
}
