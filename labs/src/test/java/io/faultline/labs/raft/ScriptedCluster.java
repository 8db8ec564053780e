package io.faultline.labs.raft;

import io.faultline.core.Rng;
import io.faultline.labs.LabEnv;
import io.faultline.labs.LabFailure;
import io.faultline.labs.LabTask;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;
import java.util.function.BiFunction;

/**
 * A cluster whose answers a test scripts, with a manual clock: lets the tester's checks be proven
 * against deliberately broken behaviour without a Raft or a simulator.
 */
final class ScriptedCluster implements RaftCluster {
    final int n;
    final RaftStatus[] status;
    final boolean[] up;
    final boolean[] connected;
    final ApplyLogs logs;
    final Applier[] appliers;
    BiFunction<Integer, byte[], StartResult> onStart = (i, c) -> StartResult.notLeader(1);
    long logSize;

    ScriptedCluster(int n) {
        this.n = n;
        this.status = new RaftStatus[n];
        this.up = new boolean[n];
        this.connected = new boolean[n];
        this.logs = new ApplyLogs(n);
        this.appliers = new Applier[n];
        for (int i = 0; i < n; i++) {
            status[i] = follower(1);
            up[i] = true;
            connected[i] = true;
            appliers[i] = new Applier(logs, i, false);
        }
    }

    static RaftStatus follower(long term) {
        return new RaftStatus(term, RaftStatus.Role.FOLLOWER, 0, 0, -1);
    }

    static RaftStatus leader(long term) {
        return new RaftStatus(term, RaftStatus.Role.LEADER, 0, 0, -1);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public boolean isUp(int i) {
        return up[i];
    }

    @Override
    public StartResult start(int i, byte[] command) {
        return up[i] ? onStart.apply(i, command) : null;
    }

    @Override
    public RaftStatus status(int i) {
        return up[i] ? status[i] : null;
    }

    @Override
    public void crash(int i) {
        up[i] = false;
        connected[i] = false;
        appliers[i].stop();
    }

    @Override
    public void restart(int i) {
        up[i] = true;
        appliers[i] = new Applier(logs, i, false);
    }

    @Override
    public void connect(int i) {
        connected[i] = true;
    }

    @Override
    public void disconnect(int i) {
        connected[i] = false;
    }

    @Override
    public boolean isConnected(int i) {
        return connected[i];
    }

    @Override
    public void setReliable(boolean reliable) {}

    @Override
    public boolean isReliable() {
        return true;
    }

    @Override
    public void setLongReordering(boolean longReordering) {}

    @Override
    public long rpcCount(int i) {
        return 0;
    }

    @Override
    public long rpcTotal() {
        return 0;
    }

    @Override
    public long bytesTotal() {
        return 0;
    }

    @Override
    public long logSizeBytes() {
        return logSize;
    }

    @Override
    public ApplyLogs applyLogs() {
        return logs;
    }

    /** A clock that only moves when slept; spawned bodies run at once. */
    static final class ManualEnv implements LabEnv {
        long nowMs;
        String failure;
        final Rng rng = new Rng(1);

        @Override
        public long nowMs() {
            return nowMs;
        }

        @Override
        public void sleepMs(long ms) {
            nowMs += ms;
        }

        @Override
        public LabTask spawn(String name, Runnable body) {
            body.run();
            return new LabTask() {
                @Override
                public boolean isDone() {
                    return true;
                }

                @Override
                public void join() {}
            };
        }

        @Override
        public Rng random() {
            return rng;
        }

        @Override
        public LabFailure fail(String message) {
            if (failure == null) {
                failure = message;
            }
            throw new LabFailure(message);
        }
    }
}
