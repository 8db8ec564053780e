package io.faultline.backend.sim;

import io.faultline.checker.Validity;
import io.faultline.faults.NemesisPackage;
import io.faultline.faults.NemesisPackages;
import io.faultline.workloads.RegisterWorkload;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not an assertion but a measurement (slow): on how many of seeds 1..N (-Dsweep.seeds, default 10)
 * each planted bug is found invalid by a 20 s sim run of the register workload, and the correct
 * systems under the same faults. Run:
 * {@code mvn -q -B -o install -pl backend-sim -Dtest=PlantedBugSweep -Dsurefire.excludedGroups=none}.
 */
@Tag("slow")
class PlantedBugSweep {
    @Test
    void sweep() throws Exception {
        int seeds = Integer.getInteger("sweep.seeds", 10);
        List<NemesisPackage> leader = List.of(NemesisPackages.get("partition").withChoices(List.of("leader")));
        List<NemesisPackage> all = NemesisPackages.packages("all");
        List<NemesisPackage> crash = NemesisPackages.packages("partition,kill");
        Object[][] cases = {
            {SimBackendOptions.of("kvraft", 5, 0), all, "kvraft, all nemeses"},
            {SimBackendOptions.of("kvraft", 5, 0).withVariant("bug-local-get"), leader, "bug-local-get, leader partitions"},
            {SimBackendOptions.of("kvraft", 5, 0).withVariant("bug-local-get"), all, "bug-local-get, all nemeses"},
            {SimBackendOptions.of("kvraft", 5, 0).withVariant("bug-snapshot-drops-versions").withMaxRaftState(2000), crash,
                "bug-snapshot-drops-versions (maxraftstate 2000), partition+kill"},
            {SimBackendOptions.of("kvraft", 5, 0).withRaft("bug-forget-vote"), crash, "raft bug-forget-vote, partition+kill"},
            {SimBackendOptions.of("kvraft", 5, 0).withRaft("bug-vote-no-log-check"), crash, "raft bug-vote-no-log-check, partition+kill"},
            {SimBackendOptions.of("kvraft", 5, 0).withRaft("bug-figure8-commit"), crash, "raft bug-figure8-commit, partition+kill"},
            {SimBackendOptions.of("kvsrv", 1, 0).withVariant("bug-errversion-after-resend").withUnreliableNetwork(true),
                List.<NemesisPackage>of(), "kvsrv bug-errversion-after-resend, unreliable network"},
        };
        for (Object[] c : cases) {
            int invalid = 0;
            int errors = 0;
            int fatal = 0;
            long wall = System.nanoTime();
            @SuppressWarnings("unchecked")
            List<NemesisPackage> packages = (List<NemesisPackage>) c[1];
            for (long seed = 1; seed <= seeds; seed++) {
                try {
                    HarnessRun r = HarnessRun.run(((SimBackendOptions) c[0]).withSeed(seed), RegisterWorkload.defaults(),
                            packages, 20, 1_500, 5);
                    if (r.check.valid() == Validity.FALSE) {
                        invalid++;
                    }
                    if (!r.fatalErrors.isEmpty()) {
                        fatal++;
                        System.out.println("  " + c[2] + " seed " + seed + ": " + r.fatalErrors.size()
                                + " fatal node errors, first: " + r.fatalErrors.get(0));
                    }
                } catch (Exception | Error e) {
                    errors++;
                    System.out.println("  " + c[2] + " seed " + seed + ": run failed: " + e);
                }
            }
            System.out.printf("%-70s invalid on %2d of %d seeds, fatal node errors on %d, %d run errors (%.1f s wall)%n", c[2], invalid, seeds,
                    fatal, errors,
                    (System.nanoTime() - wall) / 1e9);
        }
    }
}
