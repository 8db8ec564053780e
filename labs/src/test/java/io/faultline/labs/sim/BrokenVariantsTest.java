package io.faultline.labs.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.runtime.Runtime;
import io.faultline.labs.raft.RaftLabTests;
import io.faultline.labs.runner.RunOutcome;
import io.faultline.raft.RaftFactories;
import io.faultline.raft.api.Applied;
import io.faultline.raft.api.ApplySink;
import io.faultline.raft.api.RaftConfig;
import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.api.RaftNode;
import io.faultline.raft.api.RaftStatus;
import io.faultline.raft.api.StartResult;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * End-to-end proof of the harness's checks on the simulator: the correct Raft wrapped so that it
 * breaks one promise of the SPI. Each wrapped Raft must fail the test that checks that promise,
 * with the harness's message (and the unwrapped Raft passes the same seed).
 */
class BrokenVariantsTest {
    /** Wraps the default Raft; {@code wrapSink} sees what it applies, {@code wrapNode} what the tester calls. */
    private static RaftFactory broken(String name, UnaryOperator<ApplySink> wrapSink, UnaryOperator<RaftNode> wrapNode) {
        RaftFactory real = RaftFactories.defaultFactory();
        return new RaftFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test-only broken wrapper";
            }

            @Override
            public RaftNode create(Runtime runtime, RaftConfig config, ApplySink sink) {
                return wrapNode.apply(real.create(runtime, config, wrapSink.apply(sink)));
            }
        };
    }

    /** Delegates everything; subclasses break one method. */
    private static class Forwarding implements RaftNode {
        final RaftNode inner;

        Forwarding(RaftNode inner) {
            this.inner = inner;
        }

        @Override
        public StartResult start(byte[] command) {
            return inner.start(command);
        }

        @Override
        public RaftStatus status() {
            return inner.status();
        }

        @Override
        public void snapshot(long index, byte[] snapshot) {
            inner.snapshot(index, snapshot);
        }

        @Override
        public long persistedStateBytes() {
            return inner.persistedStateBytes();
        }

        @Override
        public void kill() {
            inner.kill();
        }
    }

    private static RunOutcome run(String test, RaftFactory factory) {
        return RaftSimSuite.run(RaftLabTests.byName(test), factory, 5);
    }

    private static void assertFailsWith(String test, RaftFactory broken, String expected) {
        assertTrue(run(test, RaftFactories.defaultFactory()).passed(), "the correct Raft passes " + test + " seed 5");
        RunOutcome o = run(test, broken);
        assertFalse(o.passed(), broken.name() + " passed " + test);
        assertTrue(o.message().contains(expected), o.message());
    }

    @Test
    void ignoringSnapshotsBreaksTheLogSizeLimit() {
        RaftFactory noTrim = broken("no-trim", s -> s, n -> new Forwarding(n) {
            @Override
            public void snapshot(long index, byte[] snapshot) {
                // never trims its log
            }
        });
        assertFailsWith("TestSnapshotBasic3D", noTrim, "Log size too large");
    }

    @Test
    void losingTheSnapshotAtRestartIsAnOutOfOrderApply() {
        RaftFactory dropsSnapshot = broken("drops-snapshot", s -> a -> {
            if (!(a instanceof Applied.Snapshot)) {
                s.apply(a);
            }
        }, n -> n);
        assertFailsWith("TestSnapshotInit3D", dropsSnapshot, "apply out of order");
    }

    @Test
    void aPeerThatAlwaysClaimsLeadershipIsCaught() {
        RaftFactory liar = broken("liar", s -> s, n -> new Forwarding(n) {
            @Override
            public RaftStatus status() {
                RaftStatus st = inner.status();
                return new RaftStatus(st.term(), RaftStatus.Role.LEADER, st.commitIndex(), st.lastApplied(), -1);
            }
        });
        assertFailsWith("TestInitialElection3A", liar, "leaders");
    }

    /** As in Go, only the snapshot-mode applier (3D) requires index == lastApplied + 1. */
    @Test
    void applyingACommandTwiceIsCaughtInSnapshotMode() {
        RaftFactory stutter = broken("stutter", s -> a -> {
            s.apply(a);
            if (a instanceof Applied.Command c && c.index() == 2) {
                s.apply(a);
            }
        }, n -> n);
        assertTrue(run("TestBasicAgree3B", stutter).passed(), "Go's command-mode applier allows a repeat too");
        assertFailsWith("TestSnapshotBasic3D", stutter, "apply out of order, expected index 3, got 2");
    }

    @Test
    void aLeaderThatRejectsEveryStartFailsTestCount() {
        RaftFactory deaf = broken("deaf", s -> s, n -> new Forwarding(n) {
            @Override
            public StartResult start(byte[] command) {
                return StartResult.notLeader(inner.status().term());
            }
        });
        assertFailsWith("TestCount3B", deaf, "term changed too often");
    }
}
