package io.faultline.bench.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * The etcd side of {@code faultline bench kvraft}, in a JVM of its own (jetcd brings Vert.x 4,
 * gRPC and Netty, which must not meet the Vert.x 5 of the rest of Faultline). Keeps N Puts or
 * linearizable Gets in flight through one jetcd client for each setting and prints one line per
 * setting to stdout:
 *
 * <pre>RESULT op=put inFlight=32 ops=12345 errors=0 nanos=5000000000 hist=BASE64</pre>
 *
 * where {@code hist} is the latency histogram (nanoseconds) in HdrHistogram's compressed form.
 * Progress and errors go to stderr. The process exits by itself after {@code --deadline-seconds}
 * whatever happens (the parent also kills it).
 *
 * <pre>java -jar faultline-etcd-driver.jar --endpoints http://127.0.0.30:2379,... --ops put,get
 *     --in-flight 1,32,256 --seconds 5 --warmup 2 --key-bytes 16 --value-bytes 128 --deadline-seconds 300</pre>
 *
 * With {@code --interactive} it runs the settings its stdin asks for instead (see {@link #serve}),
 * which lets the bench measure etcd and kvraft alternately, setting by setting.
 */
public final class EtcdDriverMain {
    /** Most operations in flight the driver accepts. */
    static final int IN_FLIGHT_MAX = 4096;

    private EtcdDriverMain() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        armDeadline(a.deadline());
        int keyBytes = a.keyBytes();
        int valueBytes = a.valueBytes();
        Client client = Client.builder().endpoints(a.endpoints().toArray(new String[0])).build();
        try {
            KV kv = client.getKVClient();
            // the first call may wait for connections and a leader; give it 30 s before measuring
            kv.put(key(0, keyBytes), value(valueBytes)).get(30, TimeUnit.SECONDS);
            Settings st = new Settings(kv, a.seconds(), a.warmup(), keyBytes, valueBytes);
            if (a.interactive()) {
                serve(st);
            } else {
                if (a.prewarm() > 0) { // unmeasured, for the client's JIT (the bench gives kvraft the same)
                    st.prewarm(a.prewarmInFlight(), a.prewarm());
                }
                for (int n : a.inFlight()) {
                    for (String op : a.ops()) {
                        System.out.println(st.measure(op, n));
                        System.out.flush();
                    }
                }
            }
        } finally {
            client.close();
        }
        System.exit(0);
    }

    /** The command line, checked (a bad flag exits 2 with a message). */
    private record Args(List<String> endpoints, List<String> ops, List<Integer> inFlight, double seconds, double warmup,
                        int keyBytes, int valueBytes, double deadline, double prewarm, int prewarmInFlight,
                        boolean interactive) {
        static Args parse(String[] args) {
            List<String> endpoints = null;
            List<String> ops = List.of("put", "get");
            List<Integer> inFlight = List.of(1, 32, 256);
            double seconds = 5;
            double warmup = 2;
            int keyBytes = 16;
            int valueBytes = 128;
            double deadline = 600;
            double prewarm = 0;
            int prewarmInFlight = 32;
            boolean interactive = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--interactive")) {
                    interactive = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    usage("missing value for " + a);
                }
                String v = args[++i];
                try {
                    switch (a) {
                        case "--endpoints" -> endpoints = Arrays.asList(v.split(","));
                        case "--ops" -> ops = Arrays.asList(v.split(","));
                        case "--in-flight" -> inFlight = Arrays.stream(v.split(",")).map(Integer::parseInt).toList();
                        case "--seconds" -> seconds = Double.parseDouble(v);
                        case "--warmup" -> warmup = Double.parseDouble(v);
                        case "--key-bytes" -> keyBytes = Integer.parseInt(v);
                        case "--value-bytes" -> valueBytes = Integer.parseInt(v);
                        case "--deadline-seconds" -> deadline = Double.parseDouble(v);
                        case "--prewarm" -> prewarm = Double.parseDouble(v);
                        case "--prewarm-in-flight" -> prewarmInFlight = Integer.parseInt(v);
                        default -> usage("unknown option " + a);
                    }
                } catch (NumberFormatException e) {
                    usage(a + " needs a number, was '" + v + "'");
                }
            }
            Args a = new Args(endpoints, ops, inFlight, seconds, warmup, keyBytes, valueBytes, deadline, prewarm,
                    prewarmInFlight, interactive);
            a.check();
            return a;
        }

        private void check() {
            if (endpoints == null || endpoints.isEmpty()) {
                usage("--endpoints is required");
            }
            for (String op : ops) {
                if (!op.equals("put") && !op.equals("get")) {
                    usage("--ops must list put and/or get, was " + op);
                }
            }
            for (int n : inFlight) {
                if (n < 1 || n > IN_FLIGHT_MAX) {
                    usage("--in-flight values must be in 1.." + IN_FLIGHT_MAX + ", was " + n);
                }
            }
            if (!(seconds > 0 && seconds <= 600) || !(warmup >= 0 && warmup <= 600) || !(deadline > 0 && deadline <= 7200)
                    || !(prewarm >= 0 && prewarm <= 600)) {
                usage("--seconds must be in (0, 600], --warmup and --prewarm in [0, 600], --deadline-seconds in (0, 7200]");
            }
            if (prewarmInFlight < 1 || prewarmInFlight > IN_FLIGHT_MAX) {
                usage("--prewarm-in-flight must be in 1.." + IN_FLIGHT_MAX);
            }
            if (keyBytes < 8 || keyBytes > 1024 || valueBytes < 1 || valueBytes > (1 << 20)) {
                usage("--key-bytes must be in 8..1024 and --value-bytes in 1..1048576");
            }
        }
    }

    /**
     * Interactive mode: one command per stdin line, {@code prewarm N S} (Puts then Gets with N in
     * flight for S seconds each, unmeasured; answers {@code DONE prewarm}), {@code run put|get N}
     * (answers a {@code RESULT} line) or {@code quit}; end of input also quits. A bad command is
     * answered {@code ERROR message}.
     */
    private static void serve(Settings st) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            String answer;
            try {
                if (w.length == 1 && w[0].equals("quit")) {
                    return;
                } else if (w.length == 3 && w[0].equals("prewarm")) {
                    st.prewarm(inFlight(w[1]), Double.parseDouble(w[2]));
                    answer = "DONE prewarm";
                } else if (w.length == 3 && w[0].equals("run") && (w[1].equals("put") || w[1].equals("get"))) {
                    answer = st.measure(w[1], inFlight(w[2]));
                } else {
                    answer = "ERROR unknown command: " + line;
                }
            } catch (NumberFormatException e) {
                answer = "ERROR bad number in: " + line;
            }
            System.out.println(answer);
            System.out.flush();
        }
    }

    private static int inFlight(String text) {
        int n = Integer.parseInt(text);
        if (n < 1 || n > IN_FLIGHT_MAX) {
            throw new NumberFormatException("in flight " + n + " outside 1.." + IN_FLIGHT_MAX);
        }
        return n;
    }

    /** What every setting shares: the client, the measured and warm-up seconds, the sizes. */
    private record Settings(KV kv, double seconds, double warmup, int keyBytes, int valueBytes) {
        void prewarm(int inFlight, double prewarmSeconds) throws Exception {
            System.err.printf(Locale.ROOT, "etcd: JIT pre-warm, put then get with %d in flight, %.1f s each ...%n",
                    inFlight, prewarmSeconds);
            for (boolean put : new boolean[] {true, false}) {
                Loop loop = new Loop(kv, put, inFlight, keyBytes, valueBytes);
                loop.start();
                Thread.sleep((long) (prewarmSeconds * 1000));
                loop.stop();
            }
        }

        String measure(String op, int n) throws Exception {
            System.err.printf(Locale.ROOT, "etcd: %s with %d in flight: warm-up %.1f s, then %.1f s ...%n", op, n, warmup,
                    seconds);
            Loop loop = new Loop(kv, op.equals("put"), n, keyBytes, valueBytes);
            loop.start();
            Thread.sleep((long) (warmup * 1000));
            loop.measuring(true);
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            loop.measuring(false);
            long nanos = System.nanoTime() - t0;
            loop.stop();
            return loop.resultLine(op, nanos);
        }
    }

    /** Key of slot {@code slot}: {@code k} and the slot number zero-padded to {@code keyBytes}. */
    static ByteSequence key(int slot, int keyBytes) {
        return ByteSequence.from(String.format(Locale.ROOT, "k%0" + (keyBytes - 1) + "d", slot), StandardCharsets.UTF_8);
    }

    static ByteSequence value(int valueBytes) {
        byte[] b = new byte[valueBytes];
        Arrays.fill(b, (byte) 'v');
        return ByteSequence.from(b);
    }

    private static void armDeadline(double seconds) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep((long) (seconds * 1000));
                System.err.println("etcd driver: deadline of " + seconds + " s passed; exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "etcd-driver-deadline");
        t.setDaemon(true);
        t.start();
    }

    private static void usage(String message) {
        System.err.println("faultline etcd driver: " + message);
        System.exit(2);
    }

    /** Keeps {@code inFlight} operations outstanding, one key per slot. Completions may run on several threads. */
    private static final class Loop {
        private final KV kv;
        private final boolean put;
        private final int inFlight;
        private final List<ByteSequence> keys = new ArrayList<>();
        private final ByteSequence value;
        private final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CompletableFuture<Void> drained = new CompletableFuture<>();
        private boolean measuring;
        private long measuredOps;
        private long errors;
        private long emptyGets;
        private int outstanding;
        private String firstError;

        Loop(KV kv, boolean put, int inFlight, int keyBytes, int valueBytes) {
            this.kv = kv;
            this.put = put;
            this.inFlight = inFlight;
            this.value = value(valueBytes);
            for (int i = 0; i < inFlight; i++) {
                keys.add(key(i, keyBytes));
            }
        }

        void start() {
            synchronized (this) {
                outstanding = inFlight;
            }
            for (int i = 0; i < inFlight; i++) {
                send(i);
            }
        }

        synchronized void measuring(boolean on) {
            measuring = on;
        }

        void stop() throws Exception {
            running.set(false);
            drained.get(30, TimeUnit.SECONDS);
        }

        private void send(int slot) {
            long start = System.nanoTime();
            CompletableFuture<?> f = put ? kv.put(keys.get(slot), value) : kv.get(keys.get(slot));
            f.whenComplete((r, e) -> done(slot, start, r, e));
        }

        private void done(int slot, long start, Object reply, Throwable error) {
            long latency = System.nanoTime() - start;
            synchronized (this) {
                if (error != null) {
                    errors++;
                    if (firstError == null) {
                        firstError = String.valueOf(error);
                    }
                } else {
                    if (!put && ((io.etcd.jetcd.kv.GetResponse) reply).getKvs().size() != 1) {
                        emptyGets++;
                    }
                    if (measuring) {
                        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                        measuredOps++;
                    }
                }
                if (!running.get()) {
                    if (--outstanding == 0) {
                        drained.complete(null);
                    }
                    return;
                }
            }
            if (error != null) { // pause a little so a down cluster does not make this spin
                CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS).execute(() -> send(slot));
            } else {
                send(slot);
            }
        }

        synchronized String resultLine(String op, long nanos) {
            ByteBuffer buf = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            int len = histogram.encodeIntoCompressedByteBuffer(buf);
            String hist = Base64.getEncoder().encodeToString(Arrays.copyOf(buf.array(), len));
            if (firstError != null) {
                System.err.println("etcd: first error with " + op + " at " + inFlight + " in flight: " + firstError);
            }
            return String.format(Locale.ROOT, "RESULT op=%s inFlight=%d ops=%d errors=%d emptyGets=%d nanos=%d hist=%s",
                    op, inFlight, measuredOps, errors, emptyGets, nanos, hist);
        }
    }
}
