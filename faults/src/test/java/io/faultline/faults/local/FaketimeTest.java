package io.faultline.faults.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.faults.ClockFaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaketimeTest {
    @TempDir
    Path dir;

    @Test
    void specIsSignedSecondsWithMilliseconds() {
        assertEquals("+0.000", Faketime.spec(0));
        assertEquals("+1.500", Faketime.spec(1500));
        assertEquals("-0.250", Faketime.spec(-250));
        assertEquals("+90.007", Faketime.spec(90_007));
    }

    /** A real process (date) under libfaketime sees the offset, and a change of the file at once. */
    @Test
    void aProcessStartedWithTheEnvSeesTheOffsetAndItsChanges() throws Exception {
        assumeTrue(Faketime.available(), "libfaketime is not installed (" + Faketime.LIBRARY + "); apt-get install libfaketime");
        Faketime ft = new Faketime(dir.resolve("n1.faketime"));
        ClockFaults clocks = Faketime.clockFaults(Map.of("n1", ft));
        clocks.setClockOffsetMs("n1", 90_000);
        assertEquals("+90.000", Files.readString(dir.resolve("n1.faketime"), StandardCharsets.UTF_8).trim());
        double skew = dateUnder(ft) - System.currentTimeMillis() / 1000.0;
        assertTrue(skew > 85 && skew < 95, "about +90 s, was " + skew);
        clocks.setClockOffsetMs("n1", -30_000);
        skew = dateUnder(ft) - System.currentTimeMillis() / 1000.0;
        assertTrue(skew > -35 && skew < -25, "about -30 s, was " + skew);
        assertThrows(IllegalStateException.class, () -> clocks.setClockOffsetMs("n2", 1));
    }

    private static double dateUnder(Faketime ft) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("date", "+%s.%N")).redirectErrorStream(true);
        pb.environment().putAll(ft.env());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor());
        return Double.parseDouble(out);
    }
}
