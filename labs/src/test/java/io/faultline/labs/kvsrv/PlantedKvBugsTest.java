package io.faultline.labs.kvsrv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabSuite;
import io.faultline.labs.runner.LabSuites;
import io.faultline.labs.runner.RunOutcome;
import org.junit.jupiter.api.Test;

/**
 * Each planted bug must be caught by the suite: some seed among the first {@link #SEEDS_MAX} makes
 * the named test fail. Prints after how many seeds and why.
 *
 * <ul>
 *   <li>{@code kvsrv:bug-errversion-after-resend}: the clerk returns ErrVersion instead of ErrMaybe
 *       after a resend (TestUnreliableNet, and the VersionedKv check).
 *   <li>{@code kvraft:bug-local-get}: a leader answers Get from local state (TestOnePartition4B:
 *       the partitioned old leader answers the minority Get).
 *   <li>{@code kvraft:bug-snapshot-drops-versions}: snapshots reset versions to 1, the closest
 *       equivalent of a duplicate table left out of snapshots in this design (versions are the
 *       duplicate detection); caught by the VersionedKv check after a restart from a snapshot.
 *   <li>{@code kvraft:read-index --raft bug-read-no-quorum}: Raft confirms ReadIndex reads without a
 *       heartbeat round, so a partitioned old leader answers Gets (TestOnePartition4B).
 * </ul>
 */
class PlantedKvBugsTest {
    static final int SEEDS_MAX = 10;

    private static void caught(String suite, String test) {
        caught(suite, test, null);
    }

    private static void caught(String suite, String test, String raft) {
        LabSuite s = LabSuites.byName(suite);
        for (long seed = 1; seed <= SEEDS_MAX; seed++) {
            RunOutcome o = s.run(test, seed, new LabOptions(raft));
            if (!o.passed()) {
                System.out.printf("%s %s caught at seed %d (after %d seeds): %s%n", suite, test, seed, seed,
                        o.message());
                return;
            }
        }
        assertTrue(false, suite + " passed " + test + " on " + SEEDS_MAX + " seeds: the planted bug was not caught");
    }

    @Test
    void clerkErrVersionAfterResend() {
        caught("kvsrv:bug-errversion-after-resend", "TestUnreliableNet");
    }

    @Test
    void leaderAnswersGetLocally() {
        caught("kvraft:bug-local-get", "TestOnePartition4B");
    }

    @Test
    void snapshotDropsVersions() {
        caught("kvraft:bug-snapshot-drops-versions", "TestSnapshotRecover4C");
    }

    @Test
    void readIndexWithoutQuorumRound() {
        caught("kvraft:read-index", "TestOnePartition4B", "bug-read-no-quorum");
    }

    @Test
    void correctSuitesPassTheSameRuns() {
        for (String[] t : new String[][] {{"kvsrv", "TestUnreliableNet"}, {"kvraft", "TestOnePartition4B"},
                {"kvraft", "TestSnapshotRecover4C"}, {"kvraft:read-index", "TestOnePartition4B"}}) {
            RunOutcome o = LabSuites.byName(t[0]).run(t[1], 1, new LabOptions(null));
            assertTrue(o.passed(), t[0] + " " + t[1] + ": " + o.message());
        }
    }
}
