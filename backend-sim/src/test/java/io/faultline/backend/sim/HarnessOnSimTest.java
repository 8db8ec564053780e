package io.faultline.backend.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.checker.Validity;
import io.faultline.faults.NemesisPackage;
import io.faultline.faults.NemesisPackages;
import io.faultline.workloads.RegisterWorkload;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness (interpreter, generators, register workload, nemesis packages) on the sim backend. */
class HarnessOnSimTest {
    private static HarnessRun allFaults(long seed) throws Exception {
        return HarnessRun.run(SimBackendOptions.of("kvraft", 5, seed), RegisterWorkload.defaults(),
                NemesisPackages.packages("all"), 12, 1_000, 5);
    }

    @Test
    void sameSeedGivesTheSameHistoryBytesAndTrace_anotherSeedDoesNot() throws Exception {
        HarnessRun a = allFaults(11);
        HarnessRun b = allFaults(11);
        HarnessRun c = allFaults(12);
        assertTrue(a.result.ok() > 200, "the run did real work: " + a.result);
        assertTrue(a.faults.contains("\"partition\"") && a.faults.contains("\"kill\"") && a.faults.contains("\"pause\""),
                "faults were injected:\n" + a.faults);
        assertEquals(a.history, b.history, "same seed, same history.jsonl bytes");
        assertEquals(a.faults, b.faults, "same seed, same faults.jsonl bytes");
        assertEquals(a.traceHash, b.traceHash, "same seed, same trace hash");
        assertNotEquals(a.history, c.history);
        assertNotEquals(a.traceHash, c.traceHash);
        assertEquals(Validity.TRUE, a.check.valid(), "correct kvraft under every fault: " + a.check);
    }

    @Test
    void bugLocalGetIsInvalidUnderLeaderPartitions_correctKvraftValid() throws Exception {
        List<NemesisPackage> leaderPartitions = List.of(NemesisPackages.get("partition").withChoices(List.of("leader")));
        int caught = 0;
        for (long seed = 1; seed <= 3; seed++) {
            HarnessRun bug = HarnessRun.run(SimBackendOptions.of("kvraft", 5, seed).withVariant("bug-local-get"),
                    RegisterWorkload.defaults(), leaderPartitions, 12, 1_500, 5);
            if (bug.check.valid() == Validity.FALSE) {
                caught++;
            }
            HarnessRun ok = HarnessRun.run(SimBackendOptions.of("kvraft", 5, seed), RegisterWorkload.defaults(),
                    leaderPartitions, 12, 1_500, 5);
            assertEquals(Validity.TRUE, ok.check.valid(), "correct kvraft, seed " + seed + ": " + ok.check);
            System.out.printf("seed %d: bug-local-get %s, kvraft %s (%d ok ops)%n", seed, bug.check.valid(),
                    ok.check.valid(), ok.result.ok());
        }
        assertTrue(caught >= 1, "bug-local-get was valid on seeds 1..3");
    }

    @Test
    void readIndexWithoutQuorumIsInvalidUnderLeaderPartitions_correctReadIndexValid() throws Exception {
        List<NemesisPackage> leaderPartitions = List.of(NemesisPackages.get("partition").withChoices(List.of("leader")));
        int caught = 0;
        for (long seed = 1; seed <= 3; seed++) {
            SimBackendOptions readIndex = SimBackendOptions.of("kvraft", 5, seed).withVariant("read-index");
            HarnessRun bug = HarnessRun.run(readIndex.withRaft("bug-read-no-quorum"), RegisterWorkload.defaults(),
                    leaderPartitions, 12, 1_500, 5);
            if (bug.check.valid() == Validity.FALSE) {
                caught++;
            }
            HarnessRun ok = HarnessRun.run(readIndex, RegisterWorkload.defaults(), leaderPartitions, 12, 1_500, 5);
            assertEquals(Validity.TRUE, ok.check.valid(), "read-index kvraft, seed " + seed + ": " + ok.check);
            System.out.printf("seed %d: read-index over bug-read-no-quorum %s, over faultline %s (%d ok ops)%n", seed,
                    bug.check.valid(), ok.check.valid(), ok.result.ok());
        }
        assertTrue(caught >= 1, "bug-read-no-quorum was valid on seeds 1..3");
    }

    @Test
    void kvsrvClerkBugIsInvalidOnAnUnreliableNetwork_correctClerkValid() throws Exception {
        SimBackendOptions o = SimBackendOptions.of("kvsrv", 1, 1).withUnreliableNetwork(true);
        HarnessRun bug = HarnessRun.run(o.withVariant("bug-errversion-after-resend"), RegisterWorkload.defaults(),
                List.of(), 10, 1_000, 5);
        HarnessRun ok = HarnessRun.run(o, RegisterWorkload.defaults(), List.of(), 10, 1_000, 5);
        assertEquals(Validity.FALSE, bug.check.valid(), "bug-errversion-after-resend: " + bug.check);
        assertEquals(Validity.TRUE, ok.check.valid(), "correct kvsrv: " + ok.check);
        assertTrue(ok.result.ok() > 200, "the run did real work: " + ok.result);
    }
}
