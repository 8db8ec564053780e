package io.faultline.vertx.labs;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.faultline.labs.LabFailure;
import io.faultline.labs.raft.RaftLabTest;
import io.faultline.labs.raft.RaftLabTests;
import io.faultline.labs.raft.RaftTester;
import io.faultline.raft.RaftFactories;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 6.5840 Raft scenarios of {@code labs}, unchanged, on the real runtime: Vert.x nodes on
 * loopback TCP in real time, Raft state in fsync'd files (restarts read them back).
 */
@Tag("it")
class LabScenariosIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "TestInitialElection3A", "TestReElection3A", "TestManyElections3A",
        "TestBasicAgree3B", "TestFollowerFailure3B", "TestLeaderFailure3B", "TestFailAgree3B", "TestRejoin3B",
        "TestPersist13C",
        "TestSnapshotBasic3D", "TestSnapshotInstall3D"})
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void scenarioPassesOnVertx(String name) throws Exception {
        check(name);
    }

    /** More scenarios, for longer runs ({@code -Dsurefire.excludedGroups=none}). */
    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "TestFailNoAgree3B", "TestConcurrentStarts3B", "TestBackup3B",
        "TestPersist23C", "TestPersist33C", "TestSnapshotInstallCrash3D",
        "TestUnreliableAgree3C", "TestFigure8Unreliable3C", "TestSnapshotInstallUnreliable3D"})
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void slowScenarioPassesOnVertx(String name) throws Exception {
        check(name);
    }

    private void check(String name) throws Exception {
        RaftLabTest test = RaftLabTests.byName(name);
        assertNotNull(test, name);
        long seed = Long.getLong("faultline.seed", System.nanoTime());
        String failure = run(test, seed, RaftFactories.DEFAULT_NAME);
        assertNull(failure, name + " failed on Vert.x (seed " + seed + ")");
    }

    /** Runs one scenario on a fresh cluster; returns its failure message or null. */
    String run(RaftLabTest test, long seed, String raft) throws Exception {
        Vertx vertx = Vertx.vertx();
        RealLabEnv env = new RealLabEnv(seed);
        VertxRaftCluster cluster = new VertxRaftCluster(vertx, VertxRaftCluster.endpoints(test.servers()), dir.resolve(test.name()),
                RaftFactories.byName(raft), test.snapshot(), seed);
        try {
            cluster.setReliable(test.reliable());
            cluster.startServers();
            RaftTester tester = new RaftTester(cluster, env);
            tester.begin();
            test.body().run(tester);
            tester.end();
            env.joinAll(10_000);
            return env.failure() == null ? null : env.failure().getMessage();
        } catch (LabFailure f) {
            return env.failure() != null ? env.failure().getMessage() : f.getMessage();
        } finally {
            cluster.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
