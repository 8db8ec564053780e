package io.faultline.faults.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IptablesTest {
    @Test
    void chainNamesCarryTheirOwnersPid() {
        assertEquals(-1, Iptables.ownerPid("FAULTLINE"));
        assertEquals(4242, Iptables.ownerPid("FAULTLINE-4242"));
        assertEquals(77, Iptables.ownerPid("FAULTLINE-IT77S"));
        assertEquals("FAULTLINE-" + ProcessHandle.current().pid(), Iptables.forThisProcess().chain());
    }

    @Test
    void onlyOurNamesAreAccepted() {
        for (String bad : new String[] {"INPUT", "DOCKER", "FAULTLINEX", "FAULTLINE-", "FAULTLINE-12ab", "faultline-1",
                                        "FAULTLINE-1 -j ACCEPT"}) {
            assertThrows(IllegalArgumentException.class, () -> new Iptables(bad), bad);
        }
    }
}
