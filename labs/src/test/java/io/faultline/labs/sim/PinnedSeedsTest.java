package io.faultline.labs.sim;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.labs.raft.RaftLabTests;
import io.faultline.labs.runner.LabOptions;
import io.faultline.labs.runner.LabRunner;
import io.faultline.labs.runner.RunOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (test, seed) that ever failed against the default Raft is a regression test. */
class PinnedSeedsTest {
    static final String FILE = "pinned-seeds.txt";

    static List<Arguments> pinned() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = PinnedSeedsTest.class.getClassLoader().getResourceAsStream(FILE)) {
            assertNotNull(in, FILE + " is missing from the test resources");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                String body = line.replaceFirst("#.*", "").trim();
                if (body.isEmpty()) {
                    continue;
                }
                String[] parts = body.split("\\s+");
                if (parts.length != 2 || RaftLabTests.byName(parts[0]) == null || !parts[1].matches("\\d+")) {
                    throw new IllegalArgumentException(FILE + ":" + lineNo + ": expected 'TestName seed', got: " + line);
                }
                out.add(Arguments.of(parts[0], Long.parseLong(parts[1])));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("pinned")
    void stillPasses(String test, long seed) {
        RunOutcome o = new RaftSimSuite().run(test, seed, new LabOptions(null));
        assertTrue(o.passed(), () -> o.message() + "\n  replay: " + LabRunner.replayCommand("raft", o, new LabOptions(null)));
    }
}
