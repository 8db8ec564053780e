package io.faultline.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.raft.api.RaftFactory;
import io.faultline.raft.core.CoreOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaftFactoriesTest {

    @Test
    void defaultIsCorrectRaftAndBugsAreNamedAndDocumented() {
        RaftFactory d = RaftFactories.defaultFactory();
        assertEquals("faultline", d.name());
        assertEquals(CoreOptions.STANDARD, ((FaultlineRaftFactory) d).options());
        List<String> names = RaftFactories.names();
        assertEquals("faultline", names.get(0));
        for (String bug : List.of("bug-vote-no-log-check", "bug-figure8-commit", "bug-forget-vote", "bug-read-no-quorum")) {
            RaftFactory f = RaftFactories.byName(bug);
            assertTrue(f.description().startsWith("PLANTED BUG"), f.description());
            assertFalse(((FaultlineRaftFactory) f).options().equals(CoreOptions.STANDARD));
        }
    }

    @Test
    void externalFactoriesAreDiscoveredWithServiceLoader() {
        assertTrue(RaftFactories.names().contains("external-test"), RaftFactories.names().toString());
        assertInstanceOf(ExternalFactoryForTest.class, RaftFactories.byName("external-test"));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RaftFactories.byName("nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("faultline"), e.getMessage());
    }
}
