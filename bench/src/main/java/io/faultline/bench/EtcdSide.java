package io.faultline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * etcd ({@value KvRaftBench#ETCD_MEMBERS} members, {@link EtcdCluster}) and its load driver, a JVM
 * running {@code EtcdDriverMain --interactive}: each {@link #prewarm}/{@link #measure} writes one
 * command to the driver's stdin and waits (bounded) for its answer line. The driver also exits by
 * itself after a deadline; {@link #close} kills it and the members.
 */
final class EtcdSide implements Side {
    /** Most answer lines buffered from the driver (it answers one command at a time). */
    private static final int ANSWERS_MAX = 64;

    private final KvRaftBench.Options o;
    private final EtcdCluster cluster;
    private final Process driver;
    private final Writer commands;
    private final BlockingQueue<String> answers = new ArrayBlockingQueue<>(ANSWERS_MAX);

    EtcdSide(KvRaftBench.Options o, Path binary, Path driverJar, String version, PrintStream progress) {
        this.o = o;
        progress.println("etcd: starting " + KvRaftBench.ETCD_MEMBERS + " members (" + version + ", " + binary + ") ...");
        this.cluster = new EtcdCluster(binary, KvRaftBench.ETCD_MEMBERS, o.baseDir().resolve("etcd"));
        try {
            cluster.start(Duration.ofSeconds(30));
            long deadlineSeconds = (long) budgetSeconds() + 180;
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m",
                    "-Xmx1g", "-jar", driverJar.toString(), "--interactive",
                    "--endpoints", String.join(",", cluster.clientUrls()),
                    "--seconds", String.valueOf(o.seconds()), "--warmup", String.valueOf(o.warmupSeconds()),
                    "--key-bytes", String.valueOf(o.keyBytes()), "--value-bytes", String.valueOf(o.valueBytes()),
                    "--deadline-seconds", String.valueOf(deadlineSeconds));
            this.driver = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException("cannot start the etcd driver " + driverJar, e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        this.commands = new OutputStreamWriter(driver.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "etcd-driver-answers");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void prewarm(int inFlight, double seconds) throws InterruptedException {
        String a = ask(String.format(Locale.ROOT, "prewarm %d %s", inFlight, seconds), 2 * seconds + 60);
        if (!a.equals("DONE prewarm")) {
            throw new IllegalStateException("etcd driver: unexpected answer to prewarm: " + a);
        }
    }

    @Override
    public OpResult measure(boolean put, int inFlight) throws InterruptedException {
        String a = ask("run " + (put ? "put" : "get") + " " + inFlight, o.seconds() + o.warmupSeconds() + 60);
        if (!a.startsWith("RESULT ")) {
            throw new IllegalStateException("etcd driver: unexpected answer: " + a);
        }
        return EtcdDriver.parseResult(a, cluster.size());
    }

    @Override
    public void close() {
        try {
            commands.write("quit\n");
            commands.flush();
            driver.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the driver is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.destroyForcibly();
            cluster.close();
        }
    }

    /** Everything the bench could ask of the driver, in seconds (its own deadline adds a margin). */
    private double budgetSeconds() {
        return o.inFlight().size() * 2 * (o.seconds() + o.warmupSeconds() + 1) + 2 * o.prewarmSeconds();
    }

    private String ask(String command, double timeoutSeconds) throws InterruptedException {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new IllegalStateException("etcd driver is gone (exit " + exitOf() + "): cannot send '" + command + "'", e);
        }
        String a = answers.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        if (a == null) {
            throw new IllegalStateException("etcd driver: no answer to '" + command + "' within " + timeoutSeconds
                    + " s (exit " + exitOf() + ")");
        }
        if (a.startsWith("ERROR ")) {
            throw new IllegalStateException("etcd driver refused '" + command + "': " + a);
        }
        return a;
    }

    private String exitOf() {
        return driver.isAlive() ? "none yet" : String.valueOf(driver.exitValue());
    }

    /** Copies the driver's protocol lines into {@link #answers}; other stdout lines are ignored. */
    private void readAnswers() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ") || line.startsWith("DONE ") || line.startsWith("ERROR ")) {
                    answers.offer(line); // more than ANSWERS_MAX unasked answers: a broken driver; ask() times out
                }
            }
        } catch (IOException e) {
            // the driver was killed; ask() reports the missing answer
        }
    }
}
