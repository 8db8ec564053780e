package io.faultline.faults.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The iptables chain of the local backend: {@value #CHAIN} in the filter table, jumped to from
 * {@code INPUT -i lo}. Only this chain is ever written or flushed: {@link #replaceRules} rewrites
 * it atomically ({@code iptables-restore --noflush}, so a partition and its loss rules never have
 * a gap), {@link #remove} unhooks and deletes it. Every command has a time limit.
 */
public final class Iptables {
    /** Our chain; nothing else is ever flushed. */
    public static final String CHAIN = "FAULTLINE";
    static final long COMMAND_TIMEOUT_MS = 10_000;
    /** How long iptables waits for the xtables lock (seconds), below the command timeout. */
    private static final String WAIT_S = "5";
    private final String chain;
    private final List<String> hook;

    /** The default chain, {@value #CHAIN}. */
    public Iptables() {
        this(CHAIN);
    }

    /** Another chain of ours (tests use their own so they cannot disturb a run's chain). */
    public Iptables(String chain) {
        if (!chain.matches("FAULTLINE[A-Za-z0-9_-]{0,19}")) {
            throw new IllegalArgumentException("chain must be FAULTLINE plus up to 19 of [A-Za-z0-9_-], was " + chain);
        }
        this.chain = chain;
        this.hook = List.of("INPUT", "-i", "lo", "-j", chain);
    }

    public String chain() {
        return chain;
    }

    /** The result of one command. */
    public record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** True when iptables can be run here with the rights to change rules (root, binary present). */
    public static boolean usable() {
        return run(List.of("iptables", "-w", WAIT_S, "-S", "INPUT"), null).ok() && run(List.of("iptables-restore", "--version"), null).ok();
    }

    /** Creates the chain (if absent) and hooks it first in INPUT for {@code lo} (if not hooked yet). */
    public void install() {
        if (!run(List.of("iptables", "-w", WAIT_S, "-S", chain), null).ok()) {
            check(run(List.of("iptables", "-w", WAIT_S, "-N", chain), null), "create chain " + chain);
        }
        if (!run(cmd("-C", hook), null).ok()) {
            List<String> insert = new ArrayList<>(List.of("iptables", "-w", WAIT_S, "-I", "INPUT", "1"));
            insert.addAll(hook.subList(1, hook.size()));
            check(run(insert, null), "hook " + chain + " into INPUT");
        }
    }

    /** Replaces every rule of the chain by {@code rules} (each the arguments after {@code -A CHAIN}), atomically. */
    public void replaceRules(List<String> rules) {
        StringBuilder in = new StringBuilder("*filter\n:" + chain + " - [0:0]\n");
        for (String r : rules) {
            in.append("-A ").append(chain).append(' ').append(r).append('\n');
        }
        in.append("COMMIT\n");
        check(run(List.of("iptables-restore", "-w", WAIT_S, "--noflush"), in.toString()), "rewrite chain " + chain);
    }

    /** The chain's rules as {@code iptables -S} prints them, or null when the chain does not exist. */
    public List<String> rules() {
        Result r = run(List.of("iptables", "-w", WAIT_S, "-S", chain), null);
        if (!r.ok()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("-A " + chain)) {
                out.add(line);
            }
        }
        return out;
    }

    /** True when INPUT jumps to our chain. */
    public boolean hooked() {
        return run(cmd("-C", hook), null).ok();
    }

    /**
     * Unhooks and deletes the chain if it exists (also one left behind by a harness that crashed).
     * Returns true when something was removed.
     */
    public boolean remove() {
        boolean removed = false;
        for (int i = 0; i < 100 && run(cmd("-C", hook), null).ok(); i++) {
            check(run(cmd("-D", hook), null), "unhook " + chain);
            removed = true;
        }
        if (run(List.of("iptables", "-w", WAIT_S, "-S", chain), null).ok()) {
            check(run(List.of("iptables", "-w", WAIT_S, "-F", chain), null), "flush " + chain);
            check(run(List.of("iptables", "-w", WAIT_S, "-X", chain), null), "delete " + chain);
            removed = true;
        }
        return removed;
    }

    private List<String> cmd(String op, List<String> rule) {
        List<String> c = new ArrayList<>(List.of("iptables", "-w", WAIT_S, op));
        c.addAll(rule);
        return c;
    }

    private static void check(Result r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException("iptables: cannot " + what + " (exit " + r.exitCode() + "): " + r.output().trim());
        }
    }

    /** Runs a command (stdin from {@code input} if not null), returns its exit code and merged output. */
    static Result run(List<String> command, String input) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        try {
            try (OutputStream os = p.getOutputStream()) {
                if (input != null) {
                    os.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            // outputs are small (our chain, INPUT's rules): they fit the pipe, so wait first, then read
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(124, String.join(" ", command) + " timed out after " + COMMAND_TIMEOUT_MS + " ms");
            }
            byte[] out;
            try (InputStream is = p.getInputStream()) {
                out = is.readAllBytes();
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            p.destroyForcibly();
            return new Result(126, String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(130, String.join(" ", command) + " interrupted");
        }
    }
}
