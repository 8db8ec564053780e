package io.faultline.faults.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An iptables chain of the local backend in the filter table, jumped to from {@code INPUT -i lo}.
 * A harness uses its own chain, {@code FAULTLINE-<pid>} ({@link #forThisProcess}), so concurrent
 * harnesses on one machine never rewrite or delete each other's rules, and
 * {@link #removeLeftovers} can tell a dead harness's chain from a live one's. Only our chains are
 * ever written or flushed: {@link #replaceRules} rewrites one atomically
 * ({@code iptables-restore --noflush}, so a partition and its loss rules never have a gap),
 * {@link #remove} unhooks and deletes it. Every command has a time limit.
 */
public final class Iptables {
    /** The prefix of every chain of ours (and the name older harnesses used). */
    public static final String CHAIN = "FAULTLINE";
    static final long COMMAND_TIMEOUT_MS = 10_000;
    /** How long iptables waits for the xtables lock (seconds), below the command timeout. */
    private static final String WAIT_S = "5";
    /** Our chain names: the prefix, optionally "-", an optional "IT" (tests), the owner's pid and a letter. */
    private static final Pattern NAME = Pattern.compile("FAULTLINE(?:-(?:IT)?(\\d{1,10})[A-Z]?)?");
    private final String chain;
    private final List<String> hook;

    /** The chain named {@value #CHAIN} (as older harnesses used). */
    public Iptables() {
        this(CHAIN);
    }

    /**
     * A chain of ours: {@code FAULTLINE}, or {@code FAULTLINE-[IT]<owner pid>[letter]} (at most 28
     * characters, iptables' limit).
     */
    public Iptables(String chain) {
        if (!NAME.matcher(chain).matches() || chain.length() > 28) {
            throw new IllegalArgumentException("chain must be FAULTLINE or FAULTLINE-[IT]<pid>[A-Z], was " + chain);
        }
        this.chain = chain;
        this.hook = List.of("INPUT", "-i", "lo", "-j", chain);
    }

    /** This harness's own chain, {@code FAULTLINE-<pid>}. */
    public static Iptables forThisProcess() {
        return new Iptables(CHAIN + "-" + ProcessHandle.current().pid());
    }

    /** The pid of the process that owns {@code chain}, or -1 when its name has none. */
    static long ownerPid(String chain) {
        Matcher m = NAME.matcher(chain);
        return m.matches() && m.group(1) != null ? Long.parseLong(m.group(1)) : -1;
    }

    /** The names of every chain of ours in the filter table. */
    public static List<String> ourChains() {
        List<String> out = new ArrayList<>();
        Result r = run(List.of("iptables", "-w", WAIT_S, "-S"), null);
        if (r.ok()) {
            for (String line : r.output().split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length == 2 && f[0].equals("-N") && NAME.matcher(f[1]).matches()) {
                    out.add(f[1]);
                }
            }
        }
        return out;
    }

    /**
     * Removes every chain of ours whose owner is no longer running (and one named just
     * {@value #CHAIN}); chains of live harnesses are left alone. Returns the chains removed.
     */
    public static List<String> removeLeftovers() {
        List<String> removed = new ArrayList<>();
        for (String c : ourChains()) {
            long pid = ownerPid(c);
            boolean live = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!live && new Iptables(c).remove()) {
                removed.add(c);
            }
        }
        return removed;
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
