package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code faultline check}: verdicts, exit codes, model guessing, JSON, HTML, malformed input. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String VALID = "[{:process 0 :type :invoke :f :write :value 1}\n"
            + " {:process 1 :type :invoke :f :read :value nil}\n"
            + " {:process 1 :type :ok :f :read :value 1}\n"
            + " {:process 0 :type :ok :f :write :value 1}]\n";

    private static final String INVALID = "{:process 0, :type :invoke, :f :write, :value 1}\n"
            + "{:process 0, :type :ok, :f :write, :value 1}\n"
            + "{:process 1, :type :invoke, :f :read, :value nil}\n"
            + "{:process 1, :type :ok, :f :read, :value 2}\n";

    @Test
    void validIsExit0AndSaysWhichModelItGuessed() throws Exception {
        Result r = run("check", write("ok.edn", VALID).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("valid under cas-register (guessed"), r.out());
    }

    @Test
    void invalidIsExit1WithCounterexampleAndHtml() throws Exception {
        Path html = dir.resolve("html");
        Result r = run("check", "--model", "cas-register:0", "--html", html.toString(), write("bad.edn", INVALID).toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("INVALID under cas-register:0 (given)"), r.out());
        assertTrue(r.out().contains("cannot linearize: [2] process 1 read"), r.out());
        assertTrue(Files.readString(html.resolve("bad.edn.html")).contains("class=\"op bad\""));
    }

    @Test
    void jsonOutputIsMachineReadable() throws Exception {
        Result r = run("check", "--json", write("bad.edn", INVALID).toString(), write("ok.edn", VALID).toString());
        assertEquals(1, r.code());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1, j.get("exitCode").asInt());
        assertEquals(false, j.get("files").get(0).get("result").get("valid").asBoolean());
        assertEquals(true, j.get("files").get(1).get("result").get("valid").asBoolean());
    }

    @Test
    void unknownWhenTheTimeLimitRunsOut() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < 40; p++) {
            sb.append("{:process ").append(p).append(", :type :invoke, :f :write, :value ").append(p).append("}\n");
        }
        for (int p = 0; p < 40; p++) {
            sb.append("{:process ").append(p).append(", :type :ok, :f :write, :value ").append(p).append("}\n");
        }
        sb.append("{:process 0, :type :invoke, :f :read, :value nil}\n{:process 0, :type :ok, :f :read, :value 999}\n");
        Result r = run("check", "--model", "cas-register:0", "--time-limit", "0.3", write("hard.edn", sb.toString()).toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("unknown"), r.out());
    }

    @Test
    void malformedInputAndUnknownModelAreExit3() throws Exception {
        Path bad = write("broken.edn", "{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read :value 1\n");
        Result r = run("check", bad.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains(bad + ":2:"), r.err());
        Result m = run("check", "--model", "no-such-model", write("ok.edn", VALID).toString());
        assertEquals(3, m.code());
        assertTrue(m.err().contains("unknown model 'no-such-model'"), m.err());
        Result missing = run("check", dir.resolve("absent.edn").toString());
        assertEquals(3, missing.code());
    }

    @Test
    void benchCheckerRunsOnTheKvCorpus() {
        StringBuilder why = new StringBuilder();
        java.nio.file.Path root = io.faultline.checker.corpus.Corpus.locate(io.faultline.checker.corpus.Corpus.repoRoot(), why);
        if (root == null) {
            System.out.println("benchCheckerRunsOnTheKvCorpus skipped: " + why);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root != null, () -> "corpus absent: " + why);
        Result r = run("bench", "checker", "--corpora", root.toString(), "--groups", "kv", "--warmups", "0", "--reps", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("c50-ok.txt") && r.out().contains("6 files, 0 mismatches"), r.out());
    }

    @Test
    void benchIsAParentOfCheckerAndRaft() {
        CommandLine cl = Main.commandLine();
        CommandLine bench = cl.getSubcommands().get("bench");
        assertTrue(bench.getSubcommands().containsKey("checker"));
        assertTrue(bench.getSubcommands().containsKey("raft"));
    }
}
