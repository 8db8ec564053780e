package io.faultline.rsm;

import io.faultline.core.Check;

/**
 * @param maxRaftStateBytes   snapshot when persisted Raft state nears this; -1 never snapshots
 * @param snapshotAtPercent   snapshot once Raft state reaches this share of maxRaftStateBytes
 * @param leaderCheckMs       how often pending Submits re-check leadership and term
 * @param pendingSubmitsMax   most Submits waiting at once; more fail at once with ErrNotLeader
 */
public record RsmConfig(int maxRaftStateBytes, int snapshotAtPercent, int leaderCheckMs, int pendingSubmitsMax) {
    public RsmConfig {
        Check.that(maxRaftStateBytes == -1 || maxRaftStateBytes > 0, "maxRaftStateBytes must be -1 or > 0, was %s",
                maxRaftStateBytes);
        Check.inRange(snapshotAtPercent, 1, 100, "snapshotAtPercent");
        Check.inRange(leaderCheckMs, 1, 60_000, "leaderCheckMs");
        Check.inRange(pendingSubmitsMax, 1, 1_000_000, "pendingSubmitsMax");
    }

    public static RsmConfig of(int maxRaftStateBytes) {
        return new RsmConfig(maxRaftStateBytes, 75, 20, 100_000);
    }
}
