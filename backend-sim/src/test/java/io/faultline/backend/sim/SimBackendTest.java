package io.faultline.backend.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.sim.SimulationFailure;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimBackendTest {
    @Test
    void badOptionsNameTheValidChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimBackendOptions.of("etcd", 3, 1));
        assertTrue(e.getMessage().contains("[kvsrv, kvraft]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimBackendOptions.of("kvraft", 3, 1).withVariant("bug-nope"));
        assertTrue(e.getMessage().contains("kvraft, read-index, bug-local-get, bug-snapshot-drops-versions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimBackendOptions.of("kvraft", 3, 1).withRaft("paxos"));
        assertTrue(e.getMessage().contains("bug-forget-vote"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimBackendOptions.of("kvsrv", 3, 1));
        assertTrue(e.getMessage().contains("nodes must be 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimBackendOptions.of("kvraft", 3, 1).withMaxRaftState(0));
        assertEquals(List.of("kvsrv", "bug-errversion-after-resend"), SimBackendOptions.variants("kvsrv"));
        assertEquals("kvraft", SimBackendOptions.of("kvraft", 3, 1).variantOrDefault());
    }

    @Test
    void runRethrowsWhatTheTaskThrows() {
        IOException boom = new IOException("boom");
        try (SimBackend b = new SimBackend(SimBackendOptions.of("kvraft", 3, 1))) {
            IOException got = assertThrows(IOException.class, () -> b.run(env -> {
                b.startNodes();
                env.sleepNanos(1_000_000L);
                throw boom;
            }));
            assertSame(boom, got);
            assertThrows(RuntimeException.class, () -> b.run(env -> { }), "a backend runs once");
        }
    }

    @Test
    void aFailingWorkerFailsTheRunNamingTheSeed() {
        try (SimBackend b = new SimBackend(SimBackendOptions.of("kvraft", 3, 77))) {
            SimulationFailure f = assertThrows(SimulationFailure.class, () -> b.run(env -> {
                env.spawn("worker", () -> {
                    throw new IllegalStateException("worker broke");
                });
                env.sleepNanos(1_000_000_000L);
            }));
            assertTrue(f.getMessage().contains("worker broke") && f.getMessage().contains("seed=77"), f.getMessage());
        }
    }

    @Test
    void theVirtualTimeLimitEndsARunawayTest() {
        try (SimBackend b = new SimBackend(SimBackendOptions.of("kvsrv", 1, 3).withVirtualTimeLimitMs(5_000))) {
            SimulationFailure f = assertThrows(SimulationFailure.class, () -> b.run(env -> {
                b.startNodes();
                env.sleepNanos(60_000_000_000L);
            }));
            assertTrue(f.getMessage().contains("virtual time limit"), f.getMessage());
        }
    }
}
